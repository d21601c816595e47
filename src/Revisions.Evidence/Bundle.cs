using System.Text.Json;
using System.Text.Json.Serialization;

namespace Revisions.Evidence;

/// <summary>The files of an evidence bundle and the JSON shapes inside them.</summary>
public static class Bundle
{
    public const string Manifest = "manifest.json";
    public const string Signature = "manifest.sig";
    public const string Story = "story.json";
    public const string StoryHtml = "story.html";
    public const string Events = "events.json";
    public const string ChainFile = "chain.json";
    public const string Checkpoint = "checkpoint.json";
    public const string PublicKey = "public-key.pem";
    public const string Readme = "README.md";
    /// <summary>In bundles of watched pages: every raw capture the events name, and where each was fetched.</summary>
    public const string Captures = "captures.json";
    public const string CaptureFolder = "captures/";

    /// <summary>The file of the raw capture (a gzipped WARC record) whose uncompressed SHA-256 is <paramref name="sha256"/>.</summary>
    public static string CaptureFile(string sha256) => $"{CaptureFolder}{sha256}.warc.gz";

    /// <summary>The event store's names for the events that carry a watched page's capture.</summary>
    public static readonly IReadOnlyList<string> CaptureEvents = ["story_created", "story_imported"];

    /// <summary>Every file a signed bundle holds besides the manifest and its signature.</summary>
    public static readonly IReadOnlyList<string> Contents = [Story, StoryHtml, Events, ChainFile, Checkpoint, PublicKey, Readme];

    /// <summary>The manifest format whose bytes are signed; bundles made before it have no format and no signature.</summary>
    public const string SignedFormat = "revisions-evidence-v2";

    /// <summary>The event store's names for the events that open and close a live span.</summary>
    public const string PublishedEvent = "story_published";
    public const string UnpublishedEvent = "story_unpublished";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull
    };
}

/// <summary>
/// Every file of the bundle with its SHA-256, so a changed, added or missing file is noticed, and every claim the
/// bundle makes. Its exact bytes are signed (<see cref="Bundle.Signature"/>) with the key that signs checkpoints,
/// so no file and no claim can change without the signature failing. Bundles made before manifests were signed
/// carry only the positional members.
/// </summary>
public sealed record BundleManifest(Guid StoryId, string Slug, DateTimeOffset AsOf, DateTimeOffset GeneratedAt, IReadOnlyDictionary<string, string> Files)
{
    /// <summary><see cref="Bundle.SignedFormat"/> on signed bundles.</summary>
    public string? Format { get; init; }
    public int? PublishVersion { get; init; }
    public int? ContentVersion { get; init; }
    public DateTimeOffset? LiveFrom { get; init; }
    public DateTimeOffset? LiveUntil { get; init; }
    /// <summary>The last version in events.json: the one standing at <see cref="AsOf"/>.</summary>
    public long? LastVersion { get; init; }
    /// <summary>The signed checkpoint the bundle relies on, and the story's head in it.</summary>
    public CheckpointClaim? Checkpoint { get; init; }
    /// <summary>
    /// Set on bundles of a page published elsewhere and watched by Revisions: the page's address. story.json then
    /// shows the capture standing at <see cref="AsOf"/> (its <c>publishVersion</c> names the capture's event and
    /// <c>liveFrom</c> is when it was fetched), and the raw responses the events name are in <see cref="Bundle.CaptureFolder"/>.
    /// </summary>
    public string? WatchedUrl { get; init; }
}

/// <summary>
/// One raw capture in a bundle: the response as served for <see cref="Url"/> at <see cref="FetchedAt"/>, a WARC record
/// whose SHA-256 the events chain. <see cref="ErasedSha256"/> is set when text in it was later erased by legal order:
/// the file then holds the masked record, with that hash.
/// </summary>
public sealed record BundleCapture(string Sha256, string File, string Url, int Status, DateTimeOffset FetchedAt, string? ErasedSha256 = null);

public sealed record CheckpointClaim(Guid Id, DateTimeOffset At, string Root, Head Head);

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
