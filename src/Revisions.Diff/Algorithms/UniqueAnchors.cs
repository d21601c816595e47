namespace Revisions.Diff.Algorithms;

/// <summary>
/// The fallback alignment when a full shortest-edit-script is too costly (e.g. thousands of paragraphs
/// reordered): keys that occur exactly once on each side are anchors, and the longest run of anchors in the
/// same order on both sides (longest increasing subsequence, O(n log n)) is kept as equal. Everything else is
/// marked deleted/inserted, for the move detection to pair up afterwards. This is patience diff's first step.
/// </summary>
internal static class UniqueAnchors
{
    public static void Align(int[] a, int aCount, int[] b, int bCount, bool[] deleted, bool[] inserted)
    {
        Array.Fill(deleted, true, 0, aCount);
        Array.Fill(inserted, true, 0, bCount);

        // Per key: occurrences in a, in b, and the position of the (last) occurrence on each side.
        var seen = new Dictionary<int, (int CountA, int PosA, int CountB, int PosB)>(aCount);
        for (var i = 0; i < aCount; i++)
        {
            seen.TryGetValue(a[i], out var e);
            seen[a[i]] = (e.CountA + 1, i, e.CountB, e.PosB);
        }
        for (var j = 0; j < bCount; j++)
        {
            if (!seen.TryGetValue(b[j], out var e)) continue;
            seen[b[j]] = (e.CountA, e.PosA, e.CountB + 1, j);
        }

        // Anchor pairs in a-order; find the longest increasing subsequence of their b-positions.
        var anchors = new List<(int A, int B)>();
        for (var i = 0; i < aCount; i++)
        {
            var e = seen[a[i]];
            if (e.CountA == 1 && e.CountB == 1) anchors.Add((i, e.PosB));
        }
        if (anchors.Count == 0) return;

        var tails = new int[anchors.Count];      // tails[len-1] = index of smallest tail of an increasing run of len
        var previous = new int[anchors.Count];
        var length = 0;
        for (var k = 0; k < anchors.Count; k++)
        {
            int lo = 0, hi = length;
            while (lo < hi)
            {
                var mid = (lo + hi) >>> 1;
                if (anchors[tails[mid]].B < anchors[k].B) lo = mid + 1; else hi = mid;
            }
            previous[k] = lo > 0 ? tails[lo - 1] : -1;
            tails[lo] = k;
            if (lo == length) length++;
        }

        for (var k = tails[length - 1]; k >= 0; k = previous[k])
        {
            deleted[anchors[k].A] = false;
            inserted[anchors[k].B] = false;
        }
    }
}
