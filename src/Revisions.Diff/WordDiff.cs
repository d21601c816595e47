namespace Revisions.Diff;

/// <summary>The word-level comparison of two texts, as used for fields and blocks.</summary>
/// <param name="Ops">Runs of equal, deleted and inserted text; equal and insert runs concatenate to the newer text.</param>
/// <param name="Changed">True when a difference remains that the options count.</param>
/// <param name="Degraded">True when the texts were too different to compare word by word within the work
/// budget, so the differing middle is shown as one deletion and one insertion.</param>
public sealed record WordDiffResult(IReadOnlyList<WordOp> Ops, bool Changed, int WordsAdded, int WordsRemoved, bool Degraded);

public static class WordDiff
{
    /// <summary>Compares two texts word by word (words, punctuation and whitespace are separate tokens).</summary>
    /// <exception cref="DiffTooLargeException">The texts together exceed <see cref="DiffOptions.MaxInputChars"/>.</exception>
    public static WordDiffResult Compare(string from, string to, DiffOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        options ??= DiffOptions.Default;
        long total = (long)from.Length + to.Length;
        if (total > options.MaxInputChars) throw new DiffTooLargeException(total, options.MaxInputChars);
        using var ctx = DiffContext.Rent(options);
        return WordDiffer.Diff(ctx, from, to, "text");
    }
}
