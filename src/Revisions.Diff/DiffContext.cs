using System.Text;
using Revisions.Diff.Algorithms;
using Revisions.Diff.Body;
using Revisions.Diff.Text;

namespace Revisions.Diff;

/// <summary>
/// Everything one comparison shares: options, the remaining work budget, the reasons it had to cut corners,
/// and scratch buffers reused by every word diff. Every save classifies its change, so the scratch outlives
/// the comparison: each thread keeps one context per case comparer (<see cref="Rent"/>), and a comparison
/// allocates little beyond its result. Not thread-safe; a rented context belongs to one comparison until disposed.
/// </summary>
internal sealed class DiffContext : IDisposable
{
    // What a thread keeps between comparisons is capped, so one huge comparison does not pin its buffers for
    // the life of the thread: enough for a ~4,000-word block, the distinct words of a long story, a 64K-character
    // run of text and a 4,000-block body; anything larger is made for that comparison and let go.
    public const int MaxKeptTokens = 8_192;
    public const int MaxKeptTokenIds = 16_384;
    public const int MaxKeptChars = 65_536;
    public const int MaxKeptBlocks = 4_096;

    [ThreadStatic] private static DiffContext? t_ordinal;
    [ThreadStatic] private static DiffContext? t_ignoreCase;

    private readonly bool _ignoreCase;
    private readonly List<string> _degradedReasons = [];
    private Dictionary<string, int> _tokenIds = null!;
    private Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _tokenLookup;
    private int _degradedCount;

    private DiffContext(bool ignoreCase)
    {
        _ignoreCase = ignoreCase;
        NewTokenIds();
    }

    /// <summary>This thread's context for <paramref name="options"/>, reset for a new comparison; dispose it to
    /// hand it back. A context still in use (never expected: comparisons don't nest) is not shared; a new one is made.</summary>
    public static DiffContext Rent(DiffOptions options)
    {
        DiffContext? ctx;
        if (options.IgnoreCase) { ctx = t_ignoreCase; t_ignoreCase = null; }
        else { ctx = t_ordinal; t_ordinal = null; }
        ctx ??= new DiffContext(options.IgnoreCase);
        ctx.Start(options);
        return ctx;
    }

    public DiffOptions Options { get; private set; } = DiffOptions.Default;
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

    /// <summary>For building one word operation's text, or one block's key, at a time.</summary>
    public StringBuilder Text { get; private set; } = new();

    /// <summary>Block texts (or their keys) to ids while the body is keyed; empty between uses, so no story
    /// text is kept alive by a thread's context.</summary>
    public Dictionary<string, int> BlockIds { get; private set; } = new(StringComparer.Ordinal);

    public BlockSimilarity Similarity { get; } = new();

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

    /// <summary>An id per distinct token text (case-folded when case is ignored), for the diff's int keys.</summary>
    public int TokenId(ReadOnlySpan<char> text)
    {
        if (_tokenLookup.TryGetValue(text, out var id)) return id;
        id = _tokenIds.Count;
        _tokenLookup[text] = id;
        return id;
    }

    /// <summary>Token ids held now (none between comparisons), and the room kept for them.</summary>
    public int TokenIdsHeld => _tokenIds.Count;

    public int TokenIdsKept => _tokenIds.EnsureCapacity(0);

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

    /// <summary>Hands the context back to this thread, minus anything one unusually large comparison grew.</summary>
    public void Dispose()
    {
        Trim();
        if (_ignoreCase) t_ignoreCase = this;
        else t_ordinal = this;
    }

    private void Start(DiffOptions options)
    {
        Options = options;
        WorkLeft = options.MaxTotalWork;
        SimilarityWorkLeft = options.MaxSimilarityWork;
        _degradedReasons.Clear();
        _degradedCount = 0;
    }

    private void Trim()
    {
        if (TokensA.Capacity > MaxKeptTokens) { TokensA.Clear(); TokensA.Capacity = 0; }
        if (TokensB.Capacity > MaxKeptTokens) { TokensB.Clear(); TokensB.Capacity = 0; }
        if (KeysA.Length > MaxKeptTokens) { KeysA = SignificantA = []; Deleted = []; }
        if (KeysB.Length > MaxKeptTokens) { KeysB = SignificantB = []; Inserted = []; }
        // Emptied like the block ids, though keeping the words would save a string per word: a story's words,
        // a name a redaction withdraws among them, outlive no comparison that read them.
        if (_tokenIds.EnsureCapacity(0) > MaxKeptTokenIds) NewTokenIds();
        else _tokenIds.Clear();
        if (Text.Capacity > MaxKeptChars) Text = new StringBuilder();
        else Text.Clear();
        if (BlockIds.Capacity > MaxKeptBlocks) BlockIds = new Dictionary<string, int>(StringComparer.Ordinal);
        else BlockIds.Clear();
        Similarity.Release();
    }

    private void NewTokenIds()
    {
        _tokenIds = new Dictionary<string, int>(_ignoreCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
        _tokenLookup = _tokenIds.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    private static int Grow(int needed) => Math.Max(64, (int)Math.Min(int.MaxValue, (long)needed * 3 / 2));
}
