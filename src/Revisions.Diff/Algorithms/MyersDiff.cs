using System.Buffers;

namespace Revisions.Diff.Algorithms;

/// <summary>
/// Myers' O((N+M)·D) difference algorithm in linear space (forward and reverse search meeting in a "middle
/// snake", then divide and conquer), over integer keys. Its cost grows with the number of differences, so a
/// one-word typo in a long block is cheap while two unrelated texts are quadratic; the work counter stops it
/// at <c>maxWork</c> and the caller falls back to a coarser answer instead of burning a CPU.
/// Result: <c>deleted[i]</c> marks a[i] as removed, <c>inserted[j]</c> marks b[j] as added; the unmarked
/// elements of a and b pair up in order as equal.
/// </summary>
internal sealed class MyersDiff
{
    private int[] _a = [];
    private int[] _b = [];
    private bool[] _deleted = [];
    private bool[] _inserted = [];
    private int[] _forward = [];
    private int[] _reverse = [];
    private long _work;
    private long _maxWork;

    /// <summary>Work spent by the last call, in units of roughly one key comparison.</summary>
    public long WorkSpent => _work;

    /// <summary>
    /// Computes a shortest edit script. Returns false when the work budget ran out; the marks then describe a
    /// coarse but valid script: common prefix and suffix equal, everything between replaced.
    /// </summary>
    public bool TryDiff(int[] a, int aCount, int[] b, int bCount, bool[] deleted, bool[] inserted, long maxWork)
    {
        _a = a; _b = b; _deleted = deleted; _inserted = inserted;
        _work = 0;
        _maxWork = maxWork;
        Array.Clear(deleted, 0, aCount);
        Array.Clear(inserted, 0, bCount);

        var size = aCount + bCount + 2;
        _forward = ArrayPool<int>.Shared.Rent(size);
        _reverse = ArrayPool<int>.Shared.Rent(size);
        try
        {
            if (Diff(0, aCount, 0, bCount)) return true;
            Coarse(aCount, bCount);
            return false;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(_forward);
            ArrayPool<int>.Shared.Return(_reverse);
            _a = _b = _forward = _reverse = [];
            _deleted = _inserted = [];
        }
    }

    private void Coarse(int aCount, int bCount)
    {
        Array.Clear(_deleted, 0, aCount);
        Array.Clear(_inserted, 0, bCount);
        int lo = 0, aHi = aCount, bHi = bCount;
        while (lo < aHi && lo < bHi && _a[lo] == _b[lo]) lo++;
        while (aHi > lo && bHi > lo && _a[aHi - 1] == _b[bHi - 1]) { aHi--; bHi--; }
        for (var i = lo; i < aHi; i++) _deleted[i] = true;
        for (var j = lo; j < bHi; j++) _inserted[j] = true;
    }

    private bool Diff(int aLo, int aHi, int bLo, int bHi)
    {
        var start = aLo;
        while (aLo < aHi && bLo < bHi && _a[aLo] == _b[bLo]) { aLo++; bLo++; }
        while (aLo < aHi && bLo < bHi && _a[aHi - 1] == _b[bHi - 1]) { aHi--; bHi--; }
        _work += aLo - start + 1;

        if (aLo == aHi || bLo == bHi)
        {
            for (var i = aLo; i < aHi; i++) _deleted[i] = true;
            for (var j = bLo; j < bHi; j++) _inserted[j] = true;
            return true;
        }

        var split = Bisect(aLo, aHi, bLo, bHi, out var x, out var y);
        if (split == SplitResult.OutOfBudget) return false;
        // No snake found, or a split that would not shrink the problem: replace the whole range (still a
        // valid script; this only happens when the ranges have nothing in common).
        if (split == SplitResult.NoCommon || (x == aLo && y == bLo) || (x == aHi && y == bHi))
        {
            for (var i = aLo; i < aHi; i++) _deleted[i] = true;
            for (var j = bLo; j < bHi; j++) _inserted[j] = true;
            return true;
        }
        return Diff(aLo, x, bLo, y) && Diff(x, aHi, y, bHi);
    }

    private enum SplitResult { Found, NoCommon, OutOfBudget }

    // Follows the well-known "bisect" formulation (as in diff-match-patch), with offsets into shared arrays.
    private SplitResult Bisect(int aLo, int aHi, int bLo, int bHi, out int splitX, out int splitY)
    {
        splitX = splitY = 0;
        int n = aHi - aLo, m = bHi - bLo;
        var maxD = (n + m + 1) / 2;
        var vOffset = maxD;
        var vLength = 2 * maxD;
        var v1 = _forward;
        var v2 = _reverse;
        Array.Fill(v1, -1, 0, vLength);
        Array.Fill(v2, -1, 0, vLength);
        v1[vOffset + 1] = 0;
        v2[vOffset + 1] = 0;
        var delta = n - m;
        var front = (delta & 1) != 0;
        int k1Start = 0, k1End = 0, k2Start = 0, k2End = 0;
        _work += vLength / 8 + 1;

        for (var d = 0; d < maxD; d++)
        {
            long work = 0;
            for (var k1 = -d + k1Start; k1 <= d - k1End; k1 += 2)
            {
                var k1Offset = vOffset + k1;
                var x1 = k1 == -d || (k1 != d && v1[k1Offset - 1] < v1[k1Offset + 1])
                    ? v1[k1Offset + 1]
                    : v1[k1Offset - 1] + 1;
                var y1 = x1 - k1;
                var snakeStart = x1;
                while (x1 < n && y1 < m && _a[aLo + x1] == _b[bLo + y1]) { x1++; y1++; }
                work += x1 - snakeStart + 1;
                v1[k1Offset] = x1;
                if (x1 > n) k1End += 2;
                else if (y1 > m) k1Start += 2;
                else if (front)
                {
                    var k2Offset = vOffset + delta - k1;
                    if (k2Offset >= 0 && k2Offset < vLength && v2[k2Offset] != -1 && x1 >= n - v2[k2Offset])
                    {
                        splitX = aLo + x1;
                        splitY = bLo + y1;
                        return SplitResult.Found;
                    }
                }
            }

            for (var k2 = -d + k2Start; k2 <= d - k2End; k2 += 2)
            {
                var k2Offset = vOffset + k2;
                var x2 = k2 == -d || (k2 != d && v2[k2Offset - 1] < v2[k2Offset + 1])
                    ? v2[k2Offset + 1]
                    : v2[k2Offset - 1] + 1;
                var y2 = x2 - k2;
                var snakeStart = x2;
                while (x2 < n && y2 < m && _a[aHi - x2 - 1] == _b[bHi - y2 - 1]) { x2++; y2++; }
                work += x2 - snakeStart + 1;
                v2[k2Offset] = x2;
                if (x2 > n) k2End += 2;
                else if (y2 > m) k2Start += 2;
                else if (!front)
                {
                    var k1Offset = vOffset + delta - k2;
                    if (k1Offset >= 0 && k1Offset < vLength && v1[k1Offset] != -1)
                    {
                        var x1 = v1[k1Offset];
                        var y1 = vOffset + x1 - k1Offset;
                        if (x1 >= n - x2)
                        {
                            splitX = aLo + x1;
                            splitY = bLo + y1;
                            return SplitResult.Found;
                        }
                    }
                }
            }

            _work += work;
            if (_work > _maxWork) return SplitResult.OutOfBudget;
        }
        return SplitResult.NoCommon;
    }
}
