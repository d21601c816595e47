using Revisions.Diff.Text;
using Revisions.Domain.Stories;

namespace Revisions.Diff.Body;

/// <summary>
/// How alike two blocks are, by their words: the Dice coefficient 2·|A∩B| / (|A|+|B|) over word multisets,
/// case-insensitive. Order-blind on purpose: an edited or moved paragraph keeps most of its words even when
/// a clause is rewritten. Word bags are sorted word hashes (no strings, no dictionary: a rare hash collision
/// only nudges a heuristic score), built lazily and only for blocks that are worth scoring; word counts,
/// which decide that, are cheap to get. One per <see cref="DiffContext"/>, started afresh for each body, so
/// its arrays serve one save after another.
/// </summary>
internal sealed class BlockSimilarity
{
    // Capped like the context's own scratch (the same number of blocks), and at ~64,000 scored words.
    private const int MaxKeptWords = 65_536;

    private readonly List<Token> _tokens = [];
    private IReadOnlyList<Block> _from = [];
    private IReadOnlyList<Block> _to = [];
    private int[] _fromWords = [];
    private int[] _toWords = [];
    // Where each block's bag lies in _bagWords; Start -1 until built.
    private (int Start, int Length)[] _fromBags = [];
    private (int Start, int Length)[] _toBags = [];
    private int[] _bagWords = [];
    private int _bagWordsUsed;

    public BlockSimilarity Start(IReadOnlyList<Block> from, IReadOnlyList<Block> to)
    {
        _from = from;
        _to = to;
        Reset(ref _fromWords, ref _fromBags, from.Count);
        Reset(ref _toWords, ref _toBags, to.Count);
        _bagWordsUsed = 0;
        return this;
    }

    /// <summary>Lets go of the compared blocks, and of arrays one unusually large body grew.</summary>
    public void Release()
    {
        _from = _to = [];
        if (_fromWords.Length > DiffContext.MaxKeptBlocks) { _fromWords = []; _fromBags = []; }
        if (_toWords.Length > DiffContext.MaxKeptBlocks) { _toWords = []; _toBags = []; }
        if (_bagWords.Length > MaxKeptWords) _bagWords = [];
        if (_tokens.Capacity > DiffContext.MaxKeptTokens) { _tokens.Clear(); _tokens.Capacity = 0; }
    }

    public int FromWords(int i) => _fromWords[i] >= 0 ? _fromWords[i] : _fromWords[i] = Tokenizer.CountWords(_from[i].Text);
    public int ToWords(int j) => _toWords[j] >= 0 ? _toWords[j] : _toWords[j] = Tokenizer.CountWords(_to[j].Text);

    public double Score(int fromIndex, int toIndex)
    {
        ref var x = ref _fromBags[fromIndex];
        if (x.Start < 0) x = Bag(_from[fromIndex].Text);
        ref var y = ref _toBags[toIndex];
        if (y.Start < 0) y = Bag(_to[toIndex].Text);
        return Dice(_bagWords.AsSpan(x.Start, x.Length), _bagWords.AsSpan(y.Start, y.Length));
    }

    /// <summary>Whether two bags of these sizes could reach <paramref name="threshold"/> at all
    /// (the overlap is at most the smaller size), so hopeless pairs are skipped without scoring.</summary>
    public static bool CanReach(int sizeA, int sizeB, double threshold) =>
        sizeA + sizeB > 0 && 2.0 * Math.Min(sizeA, sizeB) / (sizeA + sizeB) >= threshold;

    public static double Dice(ReadOnlySpan<int> x, ReadOnlySpan<int> y)
    {
        if (x.Length + y.Length == 0) return 0;
        int i = 0, j = 0, common = 0;
        while (i < x.Length && j < y.Length)
        {
            if (x[i] == y[j]) { common++; i++; j++; }
            else if (x[i] < y[j]) i++;
            else j++;
        }
        return 2.0 * common / (x.Length + y.Length);
    }

    private (int Start, int Length) Bag(string text)
    {
        Tokenizer.Tokenize(text, _tokens);
        var count = 0;
        foreach (var t in _tokens) if (t.Kind == TokenKind.Word) count++;
        var start = _bagWordsUsed;
        if (_bagWords.Length < start + count)
            Array.Resize(ref _bagWords, Math.Max(256, (int)Math.Min(Array.MaxLength, (long)(start + count) * 3 / 2)));
        var bag = _bagWords.AsSpan(start, count);
        var n = 0;
        foreach (var t in _tokens)
            if (t.Kind == TokenKind.Word) bag[n++] = string.GetHashCode(t.In(text), StringComparison.OrdinalIgnoreCase);
        bag.Sort();
        _bagWordsUsed += count;
        return (start, count);
    }

    private static void Reset(ref int[] words, ref (int Start, int Length)[] bags, int blocks)
    {
        if (words.Length < blocks)
        {
            words = new int[blocks];
            bags = new (int, int)[blocks];
        }
        Array.Fill(words, -1, 0, blocks);
        Array.Fill(bags, (-1, 0), 0, blocks);
    }
}
