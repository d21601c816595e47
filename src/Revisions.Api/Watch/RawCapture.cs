namespace Revisions.Api.Watch;

/// <summary>
/// The bytes a watched page served for one capture, as a gzipped WARC record (Revisions.Watch/WarcRecord.cs),
/// keyed by the SHA-256 of the uncompressed record — the hash the capture's event carries, so the story's hash
/// chain vouches for these bytes. An erasure by legal order masks the text in the body and records the masked
/// record's hash beside the original (docs/legal.md).
/// </summary>
public sealed record RawCapture
{
    /// <summary>SHA-256 (hex) of the record as captured.</summary>
    public string Id { get; init; } = "";
    public Guid StoryId { get; init; }
    public string Url { get; init; } = "";
    public int Status { get; init; }
    public DateTimeOffset FetchedAt { get; init; }
    /// <summary>The WARC record, gzipped.</summary>
    public byte[] Record { get; init; } = [];
    /// <summary>Set once text in the record was erased: the SHA-256 of the record as it is now.</summary>
    public string? ErasedSha256 { get; init; }

    public static string FileName(string sha256) => $"captures/{sha256}.warc.gz";
}
