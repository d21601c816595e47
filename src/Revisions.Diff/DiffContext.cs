using Revisions.Diff.Algorithms;
using Revisions.Diff.Text;

namespace Revisions.Diff;

/// <summary>
/// Everything one comparison shares: options, the remaining work budget, the reasons it had to cut corners,
/// and scratch buffers reused by every word diff so a comparison allocates little beyond its result.
/// Not thread-safe; one per call.
/// </summary>
internal sealed class DiffContext
{
    private readonly Dictionary<string, int> _tokenIds;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _tokenLookup;
    private readonly List<string> _degradedReasons = [];
    private int _degradedCount;

    public DiffContext(DiffOptions options)
    {
        Options = options;
        WorkLeft = options.MaxTotalWork;
        SimilarityWorkLeft = options.MaxSimilarityWork;
        _tokenIds = new Dictionary<string, int>(options.IgnoreCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
        _tokenLookup = _tokenIds.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public DiffOptions Options { get; }
    public MyersDiff Myers { get; } = new();
    public long WorkLeft { get; set; }
    public long SimilarityWorkLeft { get; set; }

    public List<Token> TokensA { get; } = [];
    public List<Token> TokensB { get; } = [];
    public int[] KeysA = [];
    public int[] KeysB = [];
    public int[] SignificantA = [];
    public int[] SignificantB = [];
    public bool[] Deleted = [];
    public bool[] Inserted = [];

    public bool Degraded => _degradedCount > 0;

    /// <summary>A few reasons in full, then a count, so a pathological input doesn't make a huge message.</summary>
    public string? DegradedReason => _degradedCount == 0
        ? null
        : string.Join("; ", _degradedReasons) + (_degradedCount > _degradedReasons.Count
            ? $"; and {_degradedCount - _degradedReasons.Count} more"
            : "");

    public void Degrade(string reason)
    {
        _degradedCount++;
        if (_degradedReasons.Count < 3) _degradedReasons.Add(reason);
    }

    /// <summary>Small dense id per distinct token text (case-folded when case is ignored), for the diff's int keys.</summary>
    public int TokenId(ReadOnlySpan<char> text)
    {
        if (_tokenLookup.TryGetValue(text, out var id)) return id;
        id = _tokenIds.Count;
        _tokenLookup[text] = id;
        return id;
    }

    public bool IsSignificant(TokenKind kind) => kind switch
    {
        TokenKind.Whitespace => !Options.IgnoreWhitespace,
        TokenKind.Punctuation => !Options.IgnorePunctuation,
        _ => true
    };

    public void EnsureCapacity(int tokensA, int tokensB)
    {
        if (KeysA.Length < tokensA) { KeysA = new int[Grow(tokensA)]; SignificantA = new int[KeysA.Length]; Deleted = new bool[KeysA.Length]; }
        if (KeysB.Length < tokensB) { KeysB = new int[Grow(tokensB)]; SignificantB = new int[KeysB.Length]; Inserted = new bool[KeysB.Length]; }
    }

    private static int Grow(int needed) => Math.Max(64, (int)Math.Min(int.MaxValue, (long)needed * 3 / 2));
}
