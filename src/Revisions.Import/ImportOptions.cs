using Revisions.Domain.Stories;

namespace Revisions.Import;

/// <summary>Guards applied while reading. The defaults admit any real article and refuse runaway input early.</summary>
public sealed record ImportOptions
{
    /// <summary>
    /// Longest line accepted, in bytes. A JSON-lines capture holds a whole story on one line, and a story may
    /// reach <see cref="ContentLimits.MaxTotalLength"/> characters (up to 4 bytes each in UTF-8), so the default
    /// is 4 MiB; a 10 MB line is refused before it is ever decoded into a string.
    /// </summary>
    public int MaxLineBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>Largest file accepted, in bytes. Checked while streaming, so a huge file is not read to the end.</summary>
    public long MaxFileBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>The same limits the API applies to a save; an import must not smuggle in what a save would refuse.</summary>
    public ContentLimits Limits { get; init; } = ContentLimits.Default;

    public static ImportOptions Default { get; } = new();
}
