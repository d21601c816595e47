namespace Revisions.Api.Evidence;

/// <summary>
/// What an erasure did to one event: the content hash the chain committed to, and the hash of the masked
/// content now stored, so the chain still verifies and the change is accounted for.
/// </summary>
public sealed record ErasureRecord
{
    public string Id { get; init; } = "";
    public Guid StoryId { get; init; }
    public long Version { get; init; }
    public Guid ErasureId { get; init; }
    public string OriginalContentHash { get; init; } = "";
    public string MaskedContentHash { get; init; } = "";
}
