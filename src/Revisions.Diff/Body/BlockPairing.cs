namespace Revisions.Diff.Body;

/// <summary>
/// Second pass over the body: turns leftover deletions and insertions into the edits a reader would name.
/// Order matters and is deliberate:
/// 1. identical text in different gaps → move (the strongest evidence there is);
/// 2. similar blocks inside one gap → modify, keeping reading order (best total similarity, no crossings);
/// 3. similar blocks anywhere else → move (with word edits).
/// Scoring is bounded by <see cref="DiffOptions.MaxSimilarityWork"/> (words compared); beyond it blocks stay
/// deleted/inserted and the diff is flagged as degraded.
/// </summary>
internal static class BlockPairing
{
    // The in-gap pairing keeps a score table per gap; larger gaps (a rewrite of ~200 blocks in one place)
    // are left as removed/added blocks rather than allocating and filling a huge table.
    private const int MaxGapCells = 40_000;

    public static void Pair(DiffContext ctx, BodyAlignment body, BlockKeys keys, BlockSimilarity similarity)
    {
        PairIdenticalAcrossGaps(body, keys);
        foreach (var gap in body.Gaps) PairWithinGap(ctx, body, gap, similarity);
        PairSimilarAcrossGaps(ctx, body, similarity);
    }

    private static void PairIdenticalAcrossGaps(BodyAlignment body, BlockKeys keys)
    {
        var byText = new Dictionary<int, List<int>>();
        foreach (var gap in body.Gaps)
        foreach (var i in gap.Deleted)
        {
            if (!byText.TryGetValue(keys.FromText[i], out var list)) byText[keys.FromText[i]] = list = [];
            list.Add(i);
        }
        if (byText.Count == 0) return;

        var next = new Dictionary<int, int>();  // first possibly-free candidate per text, so repeats stay linear
        foreach (var gap in body.Gaps)
        foreach (var j in gap.Inserted)
        {
            if (!byText.TryGetValue(keys.ToText[j], out var candidates)) continue;
            next.TryGetValue(keys.ToText[j], out var start);
            while (start < candidates.Count && !body.IsFromFree(candidates[start])) start++;
            next[keys.ToText[j]] = start;
            // Same text in the same gap differs only in type (paragraph ↔ subheading): that is a modify, left to step 2.
            for (var k = start; k < candidates.Count && k < start + 16; k++)
            {
                var i = candidates[k];
                if (!body.IsFromFree(i) || body.FromGap[i] == gap.Id) continue;
                body.Pair(i, j, BlockOp.Move);
                break;
            }
        }
    }

    private static void PairWithinGap(DiffContext ctx, BodyAlignment body, Gap gap, BlockSimilarity similarity)
    {
        var dels = gap.Deleted.Where(body.IsFromFree).ToArray();
        var ins = gap.Inserted.Where(body.IsToFree).ToArray();
        if (dels.Length == 0 || ins.Length == 0) return;
        var threshold = ctx.Options.SimilarityThreshold;
        if ((long)dels.Length * ins.Length > MaxGapCells)
        {
            ctx.Degrade($"{dels.Length} removed and {ins.Length} added blocks in one place are too many to pair up as edits");
            return;
        }

        // Only pairs whose word counts can reach the threshold are scored; refuse gaps beyond the budget.
        long cost = 0;
        foreach (var i in dels)
        foreach (var j in ins)
        {
            int a = similarity.FromWords(i), b = similarity.ToWords(j);
            if (BlockSimilarity.CanReach(a, b, threshold)) cost += a + b;
        }
        if (cost > ctx.SimilarityWorkLeft)
        {
            ctx.Degrade($"{dels.Length} removed and {ins.Length} added blocks in one place are too many to pair up as edits");
            return;
        }
        ctx.SimilarityWorkLeft -= cost;

        var score = new double[dels.Length, ins.Length];
        for (var a = 0; a < dels.Length; a++)
        for (var b = 0; b < ins.Length; b++)
        {
            var s = BlockSimilarity.CanReach(similarity.FromWords(dels[a]), similarity.ToWords(ins[b]), threshold)
                ? similarity.Score(dels[a], ins[b])
                : 0;
            score[a, b] = s >= threshold ? s : 0;
        }

        // Best total similarity with pairs in reading order on both sides (an LCS weighted by score).
        var best = new double[dels.Length + 1, ins.Length + 1];
        for (var a = dels.Length - 1; a >= 0; a--)
        for (var b = ins.Length - 1; b >= 0; b--)
        {
            var take = score[a, b] > 0 ? score[a, b] + best[a + 1, b + 1] : 0;
            best[a, b] = Math.Max(take, Math.Max(best[a + 1, b], best[a, b + 1]));
        }
        for (int a = 0, b = 0; a < dels.Length && b < ins.Length;)
        {
            if (score[a, b] > 0 && best[a, b] == score[a, b] + best[a + 1, b + 1])
            {
                body.Pair(dels[a], ins[b], BlockOp.Modify);
                a++;
                b++;
            }
            else if (best[a, b] == best[a + 1, b]) a++;
            else b++;
        }
    }

    private static void PairSimilarAcrossGaps(DiffContext ctx, BodyAlignment body, BlockSimilarity similarity)
    {
        var dels = body.Gaps.SelectMany(g => g.Deleted).Where(body.IsFromFree).ToArray();
        var ins = body.Gaps.SelectMany(g => g.Inserted).Where(body.IsToFree).ToArray();
        if (dels.Length == 0 || ins.Length == 0) return;
        var threshold = ctx.Options.SimilarityThreshold;

        // Sort the insertions by word count so each deletion only looks at sizes that could reach the threshold.
        var bySize = ins.OrderBy(similarity.ToWords).ToArray();
        var sizes = bySize.Select(similarity.ToWords).ToArray();
        var sizePrefix = new long[sizes.Length + 1];
        for (var k = 0; k < sizes.Length; k++) sizePrefix[k + 1] = sizePrefix[k] + sizes[k];
        var ranges = new (int Lo, int Hi)[dels.Length];
        long cost = 0;
        var t = Math.Clamp(threshold, 1e-6, 1.0);
        for (var a = 0; a < dels.Length; a++)
        {
            var size = similarity.FromWords(dels[a]);
            var lo = LowerBound(sizes, (int)Math.Ceiling(size * t / (2 - t) - 1e-9));
            var hi = LowerBound(sizes, (int)Math.Min(int.MaxValue - 1, Math.Floor(size * (2 - t) / t + 1e-9)) + 1);
            ranges[a] = (lo, hi);
            cost += (long)(hi - lo) * size + sizePrefix[hi] - sizePrefix[lo];
        }
        if (cost > ctx.SimilarityWorkLeft)
        {
            ctx.Degrade($"{dels.Length} removed and {ins.Length} added blocks are too many to check for moved paragraphs");
            return;
        }
        ctx.SimilarityWorkLeft -= cost;

        var pairs = new List<(double Score, int From, int To)>();
        for (var a = 0; a < dels.Length; a++)
        for (var k = ranges[a].Lo; k < ranges[a].Hi; k++)
        {
            var s = similarity.Score(dels[a], bySize[k]);
            if (s >= threshold && s > 0) pairs.Add((s, dels[a], bySize[k]));
        }
        // Most similar first; among equals, the shortest distance, then reading order, for a stable answer.
        pairs.Sort((x, y) =>
        {
            var c = y.Score.CompareTo(x.Score);
            if (c != 0) return c;
            c = Math.Abs(x.From - x.To).CompareTo(Math.Abs(y.From - y.To));
            return c != 0 ? c : x.To.CompareTo(y.To);
        });
        foreach (var (_, from, to) in pairs)
            if (body.IsFromFree(from) && body.IsToFree(to)) body.Pair(from, to, BlockOp.Move);
    }

    private static int LowerBound(int[] sorted, int value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] < value) lo = mid + 1; else hi = mid;
        }
        return lo;
    }
}
