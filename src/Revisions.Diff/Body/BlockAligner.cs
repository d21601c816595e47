using Revisions.Diff.Algorithms;

namespace Revisions.Diff.Body;

/// <summary>
/// First pass over the body: a shortest edit script over block keys, so unchanged blocks line up and only
/// the gaps between them need closer attention. When that is too costly (thousands of blocks shuffled), the
/// blocks are aligned on unique blocks instead and the result is flagged as degraded.
/// </summary>
internal static class BlockAligner
{
    public static (bool[] Deleted, bool[] Inserted) Align(DiffContext ctx, int[] from, int[] to)
    {
        var deleted = new bool[from.Length];
        var inserted = new bool[to.Length];
        var budget = Math.Min(ctx.Options.MaxBlockAlignWork, ctx.WorkLeft);
        var ok = ctx.Myers.TryDiff(from, from.Length, to, to.Length, deleted, inserted, budget);
        ctx.WorkLeft = Math.Max(0, ctx.WorkLeft - ctx.Myers.WorkSpent);
        if (ok) return (deleted, inserted);

        ctx.Degrade("the body changed too much to align block by block; blocks were aligned on paragraphs that occur once, the rest matched as moves");
        // Keep the common head and tail as they are; align the middle on unique blocks.
        int head = 0, fromEnd = from.Length, toEnd = to.Length;
        while (head < fromEnd && head < toEnd && from[head] == to[head]) head++;
        while (fromEnd > head && toEnd > head && from[fromEnd - 1] == to[toEnd - 1]) { fromEnd--; toEnd--; }
        var middleFrom = from[head..fromEnd];
        var middleTo = to[head..toEnd];
        var middleDeleted = new bool[middleFrom.Length];
        var middleInserted = new bool[middleTo.Length];
        UniqueAnchors.Align(middleFrom, middleFrom.Length, middleTo, middleTo.Length, middleDeleted, middleInserted);
        Array.Clear(deleted);
        Array.Clear(inserted);
        middleDeleted.CopyTo(deleted, head);
        middleInserted.CopyTo(inserted, head);
        return (deleted, inserted);
    }
}
