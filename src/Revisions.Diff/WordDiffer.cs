using Revisions.Diff.Text;

namespace Revisions.Diff;

/// <summary>
/// Word-level diff on a shared <see cref="DiffContext"/>. Only "significant" tokens take part in the
/// comparison (whitespace and punctuation drop out when ignored; case is folded into the token ids), but every
/// token of the newer text is emitted, so the ops always rebuild it exactly.
/// </summary>
internal static class WordDiffer
{
    public static WordDiffResult Diff(DiffContext ctx, string a, string b, string where)
    {
        if (ReferenceEquals(a, b) || a == b)
            return new WordDiffResult(a.Length == 0 ? [] : [new WordOp(WordOpKind.Equal, b)], false, 0, 0, false);

        var ta = ctx.TokensA;
        var tb = ctx.TokensB;
        Tokenizer.Tokenize(a, ta);
        Tokenizer.Tokenize(b, tb);
        ctx.EnsureCapacity(ta.Count, tb.Count);
        var na = Keys(ctx, a, ta, ctx.KeysA, ctx.SignificantA);
        var nb = Keys(ctx, b, tb, ctx.KeysB, ctx.SignificantB);

        bool changed, degraded = false;
        if (ctx.KeysA.AsSpan(0, na).SequenceEqual(ctx.KeysB.AsSpan(0, nb)))
        {
            Array.Clear(ctx.Deleted, 0, na);
            Array.Clear(ctx.Inserted, 0, nb);
            changed = false;
        }
        else
        {
            var budget = Math.Min(ctx.Options.MaxWordDiffWork, ctx.WorkLeft);
            var ok = ctx.Myers.TryDiff(ctx.KeysA, na, ctx.KeysB, nb, ctx.Deleted, ctx.Inserted, budget);
            ctx.WorkLeft = Math.Max(0, ctx.WorkLeft - ctx.Myers.WorkSpent);
            if (!ok)
            {
                degraded = true;
                ctx.Degrade($"{where} differs too much to compare word by word; the changed part is shown as one replacement");
            }
            changed = true;
            if (ctx.Options.GroupRewrites) RewriteGrouping.Apply(ctx, na, nb);
        }

        var builder = new WordOpsBuilder(ctx.Text);
        if (na == ta.Count && nb == tb.Count) EmitAllSignificant(ctx, a, b, builder);
        else EmitWithIgnoredTokens(ctx, a, b, na, nb, builder);
        return new WordDiffResult(builder.Build(), changed, builder.WordsAdded, builder.WordsRemoved, degraded);
    }

    private static int Keys(DiffContext ctx, string text, List<Token> tokens, int[] keys, int[] significant)
    {
        var n = 0;
        for (var i = 0; i < tokens.Count; i++)
        {
            var t = tokens[i];
            if (!ctx.IsSignificant(t.Kind)) continue;
            significant[n] = i;
            keys[n++] = ctx.TokenId(t.In(text));
        }
        return n;
    }

    // Every token took part: walk both sides, deletions before insertions within each changed region.
    private static void EmitAllSignificant(DiffContext ctx, string a, string b, WordOpsBuilder builder)
    {
        var ta = ctx.TokensA;
        var tb = ctx.TokensB;
        int i = 0, j = 0;
        while (i < ta.Count || j < tb.Count)
        {
            if (i < ta.Count && ctx.Deleted[i]) builder.Add(WordOpKind.Delete, a, ta[i++]);
            else if (j < tb.Count && ctx.Inserted[j]) builder.Add(WordOpKind.Insert, b, tb[j++]);
            else
            {
                // Equal under the options; the newer spelling is kept (they differ only when case is ignored).
                builder.Add(WordOpKind.Equal, b, tb[j++]);
                i++;
            }
        }
    }

    // Some tokens were ignored. Between two matched significant tokens lies a region on each side: when
    // neither side has a significant token there, the difference is only in ignored tokens and the newer
    // region is shown as equal; otherwise the region is a change, minus any identical leading/trailing tokens.
    private static void EmitWithIgnoredTokens(DiffContext ctx, string a, string b, int na, int nb, WordOpsBuilder builder)
    {
        var ta = ctx.TokensA;
        var tb = ctx.TokensB;
        int p = 0, q = 0, regionA = 0, regionB = 0;
        while (true)
        {
            while (p < na && ctx.Deleted[p]) p++;
            while (q < nb && ctx.Inserted[q]) q++;
            var matched = p < na && q < nb;
            var endA = matched ? ctx.SignificantA[p] : ta.Count;
            var endB = matched ? ctx.SignificantB[q] : tb.Count;
            EmitRegion(ctx, a, b, regionA, endA, regionB, endB, builder);
            if (!matched) return;
            builder.Add(WordOpKind.Equal, b, tb[endB]);
            regionA = endA + 1;
            regionB = endB + 1;
            p++;
            q++;
        }
    }

    private static void EmitRegion(DiffContext ctx, string a, string b, int aLo, int aHi, int bLo, int bHi, WordOpsBuilder builder)
    {
        var ta = ctx.TokensA;
        var tb = ctx.TokensB;
        var changed = false;
        for (var i = aLo; i < aHi && !changed; i++) changed = ctx.IsSignificant(ta[i].Kind);
        for (var j = bLo; j < bHi && !changed; j++) changed = ctx.IsSignificant(tb[j].Kind);
        if (!changed)
        {
            for (var j = bLo; j < bHi; j++) builder.Add(WordOpKind.Equal, b, tb[j]);
            return;
        }

        int prefix = 0, suffix = 0;
        while (aLo + prefix < aHi && bLo + prefix < bHi
               && ta[aLo + prefix].In(a).SequenceEqual(tb[bLo + prefix].In(b))) prefix++;
        while (aHi - suffix > aLo + prefix && bHi - suffix > bLo + prefix
               && ta[aHi - suffix - 1].In(a).SequenceEqual(tb[bHi - suffix - 1].In(b))) suffix++;

        for (var j = bLo; j < bLo + prefix; j++) builder.Add(WordOpKind.Equal, b, tb[j]);
        for (var i = aLo + prefix; i < aHi - suffix; i++) builder.Add(WordOpKind.Delete, a, ta[i]);
        for (var j = bLo + prefix; j < bHi - suffix; j++) builder.Add(WordOpKind.Insert, b, tb[j]);
        for (var j = bHi - suffix; j < bHi; j++) builder.Add(WordOpKind.Equal, b, tb[j]);
    }
}
