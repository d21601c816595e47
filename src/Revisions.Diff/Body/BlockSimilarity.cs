using Revisions.Diff.Text;
using Revisions.Domain.Stories;

namespace Revisions.Diff.Body;

/// <summary>
/// How alike two blocks are, by their words: the Dice coefficient 2·|A∩B| / (|A|+|B|) over word multisets,
/// case-insensitive. Order-blind on purpose: an edited or moved paragraph keeps most of its words even when
/// a clause is rewritten. Word bags are sorted word hashes (no strings, no dictionary: a rare hash collision
/// only nudges a heuristic score), built lazily and only for blocks that are worth scoring; word counts,
/// which decide that, are cheap to get.
/// </summary>
internal sealed class BlockSimilarity
{
    private readonly List<Token> _tokens = [];
    private readonly IReadOnlyList<Block> _from;
    private readonly IReadOnlyList<Block> _to;
    private readonly int[]?[] _fromBags;
    private readonly int[]?[] _toBags;
    private readonly int[] _fromWords;
    private readonly int[] _toWords;

    public BlockSimilarity(IReadOnlyList<Block> from, IReadOnlyList<Block> to)
    {
        _from = from;
        _to = to;
        _fromBags = new int[]?[from.Count];
        _toBags = new int[]?[to.Count];
        _fromWords = new int[from.Count];
        _toWords = new int[to.Count];
        Array.Fill(_fromWords, -1);
        Array.Fill(_toWords, -1);
    }

    public int FromWords(int i) => _fromWords[i] >= 0 ? _fromWords[i] : _fromWords[i] = Tokenizer.CountWords(_from[i].Text);
    public int ToWords(int j) => _toWords[j] >= 0 ? _toWords[j] : _toWords[j] = Tokenizer.CountWords(_to[j].Text);

    public double Score(int fromIndex, int toIndex) =>
        Dice(_fromBags[fromIndex] ??= Bag(_from[fromIndex].Text), _toBags[toIndex] ??= Bag(_to[toIndex].Text));

    /// <summary>Whether two bags of these sizes could reach <paramref name="threshold"/> at all
    /// (the overlap is at most the smaller size), so hopeless pairs are skipped without scoring.</summary>
    public static bool CanReach(int sizeA, int sizeB, double threshold) =>
        sizeA + sizeB > 0 && 2.0 * Math.Min(sizeA, sizeB) / (sizeA + sizeB) >= threshold;

    public static double Dice(int[] x, int[] y)
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

    private int[] Bag(string text)
    {
        Tokenizer.Tokenize(text, _tokens);
        var count = 0;
        foreach (var t in _tokens) if (t.Kind == TokenKind.Word) count++;
        var bag = new int[count];
        var n = 0;
        foreach (var t in _tokens)
            if (t.Kind == TokenKind.Word) bag[n++] = string.GetHashCode(t.In(text), StringComparison.OrdinalIgnoreCase);
        Array.Sort(bag);
        return bag;
    }
}
