namespace Revisions.Diff;

/// <summary>
/// The two versions together are larger than <see cref="DiffOptions.MaxInputChars"/>. Refusing up front keeps
/// one request from occupying a CPU; the API answers 413 Content Too Large.
/// </summary>
public sealed class DiffTooLargeException : Exception
{
    public DiffTooLargeException(long actualChars, long maxChars)
        : base($"The two versions hold {actualChars:N0} characters in all; at most {maxChars:N0} can be compared.")
    {
        ActualChars = actualChars;
        MaxChars = maxChars;
    }

    public long ActualChars { get; }
    public long MaxChars { get; }
}
