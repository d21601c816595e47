using Revisions.Domain.Stories;

namespace Revisions.Diff.Body;

/// <summary>
/// The body comparison: align blocks, pair the leftovers, then diff words only inside blocks that were
/// paired but differ. The output is in the newer version's reading order, deleted blocks kept in place.
/// </summary>
internal static class BodyDiffer
{
    public static List<BlockDiff> Diff(DiffContext ctx, IReadOnlyList<Block> from, IReadOnlyList<Block> to)
    {
        var keys = BlockKeys.For(ctx, from, to);
        var (deleted, inserted) = BlockAligner.Align(ctx, keys.FromAlign, keys.ToAlign);
        var body = new BodyAlignment(deleted, inserted);
        if (body.Gaps.Count > 0) BlockPairing.Pair(ctx, body, keys, ctx.Similarity.Start(from, to));

        var result = new List<BlockDiff>(Math.Max(from.Count, to.Count));
        int i = 0, j = 0;
        while (i < from.Count || j < to.Count)
        {
            // Older blocks that are gone or moved elsewhere come first at this point of the text.
            if (i < from.Count && body.FromPartner[i] < 0)
            {
                result.Add(Deleted(from, i++));
                continue;
            }
            if (i < from.Count && body.ToOp[body.FromPartner[i]] == BlockOp.Move)
            {
                i++;  // shown once, where it now stands
                continue;
            }
            // Next, newer blocks that did not come from the older block at i.
            if (j < to.Count && (i >= from.Count || body.ToPartner[j] != i))
            {
                var partner = body.ToPartner[j];
                result.Add(partner < 0 ? Inserted(to, j) : Paired(ctx, from, to, partner, j, BlockOp.Move));
                j++;
                continue;
            }
            // The older block at i became the newer block at j (equal or modify).
            result.Add(Paired(ctx, from, to, i, j, body.ToOp[j]));
            i++;
            j++;
        }
        return result;
    }

    private static BlockDiff Deleted(IReadOnlyList<Block> from, int i) => new()
    {
        Op = BlockOp.Delete, FromIndex = i, FromType = from[i].Type, FromText = from[i].Text
    };

    private static BlockDiff Inserted(IReadOnlyList<Block> to, int j) => new()
    {
        Op = BlockOp.Insert, ToIndex = j, ToType = to[j].Type, ToText = to[j].Text
    };

    private static BlockDiff Paired(DiffContext ctx, IReadOnlyList<Block> from, IReadOnlyList<Block> to, int i, int j, BlockOp op)
    {
        var a = from[i];
        var b = to[j];
        IReadOnlyList<WordOp> words = [];
        if (a.Text != b.Text)
        {
            words = WordDiffer.Diff(ctx, a.Text, b.Text, $"body block {j + 1}").Ops;
        }
        else if (op == BlockOp.Modify)
        {
            words = [new WordOp(WordOpKind.Equal, b.Text)];  // only the type changed
        }
        return new BlockDiff
        {
            Op = op,
            FromIndex = i,
            ToIndex = j,
            FromType = a.Type,
            ToType = b.Type,
            FromText = a.Text,
            ToText = b.Text,
            Words = words
        };
    }
}
