using Revisions.Diff.Text;
using Revisions.Domain.Stories;

namespace Revisions.Diff.Body;

/// <summary>
/// How alike two blocks are, by their words: the Dice coefficient 2·|A∩B| / (|A|+|B|) over word multisets,
/// case-insensitive. Order-blind on purpose: an edited or moved paragraph keeps most of its words even when
/// a clause is rewritten. Word bags are built lazily, only for blocks that are candidates for pairing.
/// </summary>
internal sealed class BlockSimilarity
{
    private readonly Dictionary<string, int> _ids = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly List<Token> _tokens = [];
    private readonly IReadOnlyList<Block> _from;
    private readonly IReadOnlyList<Block> _to;
    private readonly int[]?[] _fromBags;
    private readonly int[]?[] _toBags;

    public BlockSimilarity(IReadOnlyList<Block> from, IReadOnlyList<Block> to)
    {
        _lookup = _ids.GetAlternateLookup<ReadOnlySpan<char>>();
        _from = from;
        _to = to;
        _fromBags = new int[]?[from.Count];
        _toBags = new int[]?[to.Count];
    }

    public int[] FromBag(int i) => _fromBags[i] ??= Bag(_from[i].Text);
    public int[] ToBag(int j) => _toBags[j] ??= Bag(_to[j].Text);

    public double Score(int fromIndex, int toIndex) => Dice(FromBag(fromIndex), ToBag(toIndex));

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
        var bag = new List<int>(_tokens.Count / 2 + 1);
        foreach (var t in _tokens)
        {
            if (t.Kind != TokenKind.Word) continue;
            var span = t.In(text);
            if (!_lookup.TryGetValue(span, out var id))
            {
                id = _ids.Count;
                _lookup[span] = id;
            }
            bag.Add(id);
        }
        var result = bag.ToArray();
        Array.Sort(result);
        return result;
    }
}
