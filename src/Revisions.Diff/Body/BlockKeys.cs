using System.Text;
using Revisions.Diff.Text;
using Revisions.Domain.Stories;

namespace Revisions.Diff.Body;

/// <summary>
/// Each block as integers: a text id (same id = same text under the options) and an alignment key that also
/// includes the block type, so a paragraph turned subheading is not "equal" but gets paired as a modify.
/// Hashing blocks to ints first means unchanged blocks are never tokenised.
/// </summary>
internal sealed class BlockKeys
{
    public required int[] FromText { get; init; }
    public required int[] ToText { get; init; }
    public required int[] FromAlign { get; init; }
    public required int[] ToAlign { get; init; }

    public static BlockKeys For(DiffContext ctx, IReadOnlyList<Block> from, IReadOnlyList<Block> to)
    {
        var ids = ctx.BlockIds;
        var normaliser = ctx.Options.IgnoresAnything ? new Normaliser(ctx) : null;
        var fromText = new int[from.Count];
        var toText = new int[to.Count];
        for (var i = 0; i < from.Count; i++) fromText[i] = Id(ids, normaliser?.Key(from[i].Text) ?? from[i].Text);
        for (var j = 0; j < to.Count; j++) toText[j] = Id(ids, normaliser?.Key(to[j].Text) ?? to[j].Text);
        ids.Clear();
        return new BlockKeys
        {
            FromText = fromText,
            ToText = toText,
            FromAlign = AlignKeys(fromText, from),
            ToAlign = AlignKeys(toText, to)
        };
    }

    private static int Id(Dictionary<string, int> ids, string key)
    {
        if (ids.TryGetValue(key, out var id)) return id;
        ids[key] = id = ids.Count;
        return id;
    }

    private static int[] AlignKeys(int[] textIds, IReadOnlyList<Block> blocks)
    {
        var keys = new int[textIds.Length];
        for (var i = 0; i < keys.Length; i++)
            keys[i] = textIds[i] * 2 + (blocks[i].Type == BlockType.Subheading ? 1 : 0);
        return keys;
    }

    /// <summary>The text as the comparison sees it: only significant tokens, case-folded if asked,
    /// separated so that "a b" and "ab" stay different when whitespace is ignored. It borrows the word diffs'
    /// scratch, which is free while blocks are keyed.</summary>
    private sealed class Normaliser(DiffContext ctx)
    {
        private readonly List<Token> _tokens = ctx.TokensA;
        private readonly StringBuilder _key = ctx.Text;

        public string Key(string text)
        {
            Tokenizer.Tokenize(text, _tokens);
            _key.Clear();
            foreach (var t in _tokens)
            {
                if (!ctx.IsSignificant(t.Kind)) continue;
                var span = t.In(text);
                if (ctx.Options.IgnoreCase)
                    foreach (var c in span) _key.Append(char.ToUpperInvariant(c));
                else
                    _key.Append(span);
                _key.Append('\u0001');
            }
            return _key.ToString();
        }
    }
}
