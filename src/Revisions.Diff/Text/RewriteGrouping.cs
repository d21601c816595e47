namespace Revisions.Diff.Text;

/// <summary>
/// Turns a word-by-word edit script into one a person reads: where most words of a stretch changed, the few
/// words that happen to match inside it (a space, "the", "in") are shown as part of one replacement instead of
/// splitting it into "[-bursts-]{+defences+} [-banks-]{+reviewed+}". This is diff-match-patch's semantic
/// clean-up counted in words: an unchanged run between two changes dissolves into them when it has fewer words
/// than each of them (each change counting the larger of its removed and added words). A one-word fix next to
/// unchanged words, or two fixes with a word between them, stay exact.
/// </summary>
internal static class RewriteGrouping
{
    private readonly record struct Run(bool Equal, int A0, int A1, int B0, int B1, int WordsA, int WordsB)
    {
        public int Size => Math.Max(WordsA, WordsB);
    }

    /// <summary>
    /// Rewrites the marks in place. <paramref name="na"/> and <paramref name="nb"/> are the compared (significant)
    /// tokens; <c>ctx.Significant*</c> map them to tokens, whose kinds say which are words. One pass, linear:
    /// each dissolved run is looked at again only when the change beside it grows.
    /// </summary>
    public static void Apply(DiffContext ctx, int na, int nb)
    {
        var deleted = ctx.Deleted;
        var inserted = ctx.Inserted;
        var kept = new List<Run>();
        int i = 0, j = 0;
        while (i < na || j < nb)
        {
            int a0 = i, b0 = j, wordsA = 0, wordsB = 0;
            if ((i < na && deleted[i]) || (j < nb && inserted[j]))
            {
                for (; i < na && deleted[i]; i++) wordsA += IsWord(ctx.TokensA, ctx.SignificantA[i]);
                for (; j < nb && inserted[j]; j++) wordsB += IsWord(ctx.TokensB, ctx.SignificantB[j]);
                var change = new Run(false, a0, i, b0, j, wordsA, wordsB);
                while (kept.Count >= 2 && kept[^1].Equal && !kept[^2].Equal && Dissolves(kept[^1], kept[^2], change))
                {
                    var between = kept[^1];
                    var left = kept[^2];
                    kept.RemoveRange(kept.Count - 2, 2);
                    Array.Fill(deleted, true, between.A0, between.A1 - between.A0);
                    Array.Fill(inserted, true, between.B0, between.B1 - between.B0);
                    change = new Run(false, left.A0, change.A1, left.B0, change.B1,
                        left.WordsA + between.WordsA + change.WordsA, left.WordsB + between.WordsB + change.WordsB);
                }
                kept.Add(change);
            }
            else
            {
                for (; i < na && j < nb && !deleted[i] && !inserted[j]; i++, j++)
                    wordsA += IsWord(ctx.TokensA, ctx.SignificantA[i]);
                if (i == a0) return; // unmatched tokens left unmarked: not a script this can read
                kept.Add(new Run(true, a0, i, b0, j, wordsA, wordsA));
            }
        }
    }

    private static bool Dissolves(Run between, Run left, Run right) =>
        between.WordsA < left.Size && between.WordsA < right.Size;

    private static int IsWord(List<Token> tokens, int index) => tokens[index].Kind == TokenKind.Word ? 1 : 0;
}
