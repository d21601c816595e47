namespace Revisions.Diff;

/// <summary>
/// How to compare. The ignore switches are off by default: a standards editor wants to see every comma.
/// The limits keep the cost of one comparison bounded whatever the input; the defaults keep any story
/// the domain accepts well under 100 ms on one core.
/// </summary>
public sealed record DiffOptions
{
    public static DiffOptions Default { get; } = new();

    /// <summary>
    /// For comparing content already accepted and stored (classifying a save, finding what a correction
    /// changed): no input cap, since a newsroom may raise its content limits above it; the work limits still
    /// bound the cost. The cap is for requests that bring their own texts or ask for a diff. Word operations are
    /// exact (<see cref="GroupRewrites"/> off): the classifier and the corrections search read edit by edit.
    /// </summary>
    public static DiffOptions StoredContent { get; } = new() { MaxInputChars = long.MaxValue, GroupRewrites = false };

    /// <summary>Differences in the amount or kind of whitespace (including leading/trailing) don't count.</summary>
    public bool IgnoreWhitespace { get; init; }

    /// <summary>Added, removed or changed punctuation doesn't count.</summary>
    public bool IgnorePunctuation { get; init; }

    /// <summary>Upper/lower case differences don't count.</summary>
    public bool IgnoreCase { get; init; }

    /// <summary>
    /// Where most words of a stretch changed, show the stretch as one replacement ("[-bursts banks-]{+defences
    /// reviewed+}") rather than word by word around the spaces and small words that happen to match; small edits
    /// keep their exact word operations. An unchanged run between two changes joins them when it has fewer
    /// words than each. On by default: it is for people reading a diff.
    /// </summary>
    public bool GroupRewrites { get; init; } = true;

    /// <summary>Both versions together may hold at most this many characters, or <see cref="DiffTooLargeException"/>.</summary>
    public long MaxInputChars { get; init; } = 2_000_000;

    /// <summary>
    /// Word-overlap (Dice coefficient over the words of two blocks) from which a deleted and an inserted block
    /// are taken to be the same block edited (modify, or move when elsewhere).
    /// </summary>
    public double SimilarityThreshold { get; init; } = 0.5;

    // The work limits below are in units of roughly one token or word comparison (a few nanoseconds each).
    // Together they keep the worst case of one comparison at a few tens of milliseconds on one core.

    /// <summary>Work one word diff (one field or block pair) may spend before the changed part of the pair
    /// is shown as one replacement instead.</summary>
    public long MaxWordDiffWork { get; init; } = 1_000_000;

    /// <summary>Work the block alignment may spend before falling back to aligning on unique blocks.</summary>
    public long MaxBlockAlignWork { get; init; } = 1_000_000;

    /// <summary>Work the block alignment and all word diffs of one comparison may spend together.</summary>
    public long MaxTotalWork { get; init; } = 4_000_000;

    /// <summary>Words that may be compared, in all, while pairing removed and added blocks as edits or moves;
    /// beyond it they stay removed and added.</summary>
    public long MaxSimilarityWork { get; init; } = 4_000_000;

    /// <summary>The names accepted by <see cref="ParseIgnore"/>, as in <c>?ignore=whitespace,punctuation,case</c>.</summary>
    public static IReadOnlyList<string> IgnoreNames { get; } = ["whitespace", "punctuation", "case"];

    /// <summary>
    /// Reads a comma-separated ignore list such as <c>whitespace,case</c> (case-insensitive, blanks allowed).
    /// Throws <see cref="ArgumentException"/> naming the allowed values when a name is unknown.
    /// </summary>
    public static DiffOptions ParseIgnore(string? ignore, DiffOptions? baseOptions = null)
    {
        if (!TryParseIgnore(ignore, out var options, out var error, baseOptions))
            throw new ArgumentException(error, nameof(ignore));
        return options;
    }

    public static bool TryParseIgnore(string? ignore, out DiffOptions options, out string? error, DiffOptions? baseOptions = null)
    {
        options = baseOptions ?? Default;
        error = null;
        if (string.IsNullOrWhiteSpace(ignore)) return true;
        foreach (var raw in ignore.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            switch (raw.ToLowerInvariant())
            {
                case "whitespace": options = options with { IgnoreWhitespace = true }; break;
                case "punctuation": options = options with { IgnorePunctuation = true }; break;
                case "case": options = options with { IgnoreCase = true }; break;
                default:
                    error = $"Unknown ignore option \"{raw}\"; use any of: {string.Join(", ", IgnoreNames)}.";
                    options = baseOptions ?? Default;
                    return false;
            }
        }
        return true;
    }

    internal bool IgnoresAnything => IgnoreWhitespace || IgnorePunctuation || IgnoreCase;
}
