using System.Text.Json;
using System.Text.Json.Serialization;

namespace Revisions.Evidence;

/// <summary>The files of an evidence bundle and the JSON shapes inside them.</summary>
public static class Bundle
{
    public const string Manifest = "manifest.json";
    public const string Story = "story.json";
    public const string StoryHtml = "story.html";
    public const string Events = "events.json";
    public const string ChainFile = "chain.json";
    public const string Checkpoint = "checkpoint.json";
    public const string PublicKey = "public-key.pem";
    public const string Readme = "README.md";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull
    };
}

/// <summary>Every file of the bundle with its SHA-256, so a changed, added or missing file is noticed.</summary>
public sealed record BundleManifest(Guid StoryId, string Slug, DateTimeOffset AsOf, DateTimeOffset GeneratedAt, IReadOnlyDictionary<string, string> Files);

/// <summary>The story as the public saw it at <see cref="AsOf"/>: the content of publish <see cref="PublishVersion"/>.</summary>
public sealed record PublishedAt(
    Guid StoryId, string Slug, DateTimeOffset AsOf, int PublishVersion, int ContentVersion,
    DateTimeOffset LiveFrom, DateTimeOffset? LiveUntil, JsonElement Content);

/// <summary>One stored event: its data exactly as the event store holds it.</summary>
public sealed record BundleEvent(long Sequence, long Version, string Type, DateTimeOffset Timestamp, JsonElement Data);

/// <summary>
/// One link of the story's hash chain. <see cref="ErasedContentHash"/> is set when text in the event was later
/// erased by legal order: the event's stored content then has that hash, while the chain keeps the original's.
/// </summary>
public sealed record BundleLink(long Version, string Type, DateTimeOffset Timestamp, string ContentHash, string Hash, string? ErasedContentHash = null);

/// <summary>The signed checkpoint covering the story, the story's head in it, and the proof it is included.</summary>
public sealed record BundleCheckpoint(SignedCheckpoint Checkpoint, Head Head, IReadOnlyList<ProofStep> Proof);
