namespace Revisions.Domain.Stories;

// Every change to a story is one of these, appended to the story's stream. They are the record of what
// happened and are never reshaped once stored: a new need gets a new event type or an optional member.
// Who made the change travels in the event; when it happened is the event store's timestamp.

/// <summary>What every event in a story's stream tells: which story, who, and their note.</summary>
public interface IStoryEvent
{
    Guid StoryId { get; }
    string Editor { get; }
    string? Note { get; }
}

/// <summary>Events that set the story's content carry all of it, so any version is one event away.</summary>
public interface IContentEvent : IStoryEvent
{
    StoryContent Content { get; }
}

/// <summary>Content events that replace earlier content: which fields changed and how the change reads.</summary>
public interface IContentChangeEvent : IContentEvent
{
    IReadOnlyList<string> ChangedFields { get; }
    /// <summary>How the change read when it was stored (absent on older events).</summary>
    ClassifiedChange? Change { get; }
}

public sealed record StoryCreated(Guid StoryId, string Slug, StoryContent Content, string Editor, string? Note) : IContentEvent
{
    /// <summary>Set when the first version came from an imported capture rather than a save (absent on older events).</summary>
    public SnapshotCapture? Capture { get; init; }
}

/// <summary>A save of new content. <paramref name="ChangedFields"/> names what differs from the previous content.</summary>
public sealed record StoryRevised(Guid StoryId, StoryContent Content, IReadOnlyList<string> ChangedFields, string Editor, string? Note) : IContentChangeEvent
{
    public ClassifiedChange? Change { get; init; }
}

/// <summary>A save whose content is copied from an earlier version; history itself is never rewritten.</summary>
public sealed record StoryRestored(Guid StoryId, int RestoredVersion, StoryContent Content, IReadOnlyList<string> ChangedFields, string Editor, string? Note) : IContentChangeEvent
{
    public ClassifiedChange? Change { get; init; }
}

/// <summary>
/// How a change of content read when it was stored (docs/standards.md): its kinds, the line for people and
/// whether it is substantive, with the version of the rules that classified it. Carried by the content event
/// so that rebuilding the history does not compare every version again; events recorded under other rules,
/// or before changes were recorded, are classified afresh.
/// </summary>
public sealed record ClassifiedChange(int Rules, IReadOnlyList<string> Kinds, string Summary, bool Substantive);

/// <summary>
/// The content of <paramref name="ContentVersion"/> went live. The event carries that content so that what
/// the public saw is stated by the publish itself, not inferred from other events.
/// </summary>
public sealed record StoryPublished(Guid StoryId, int ContentVersion, StoryContent Content, string Editor, string? Note) : IStoryEvent;

public sealed record StoryUnpublished(Guid StoryId, string Editor, string? Note) : IStoryEvent;

/// <summary>
/// Where an imported version came from: when it was captured (if the archive knew), the fingerprint that
/// recognises the same capture on a later import, and the file or upload it was read from.
/// </summary>
public sealed record SnapshotCapture(DateTimeOffset? CapturedAt, string Fingerprint, string Source)
{
    /// <summary>
    /// For a capture made by watching a page: the SHA-256 of the raw response kept as evidence (a WARC record of
    /// the URL, status, headers and bytes served), so that the chain vouches for the bytes (docs/watch.md).
    /// Absent on imports.
    /// </summary>
    public string? RecordSha256 { get; init; }

    /// <summary>The HTTP status the watched page answered with (200, or 304 when it confirmed the last capture).</summary>
    public int? Status { get; init; }
}

/// <summary>
/// Content from an archived capture of the story, replayed as a version. The event time is when it was
/// imported; <see cref="SnapshotCapture.CapturedAt"/> is when the content was seen in the wild.
/// </summary>
public sealed record StoryImported(Guid StoryId, StoryContent Content, IReadOnlyList<string> ChangedFields, SnapshotCapture Capture, string Editor, string? Note) : IContentChangeEvent
{
    public ClassifiedChange? Change { get; init; }
}

/// <summary>Every kind of event a story's stream holds, by the name the API and the history show.</summary>
public static class StoryEventKinds
{
    private static readonly Dictionary<Type, string> Names = new()
    {
        [typeof(StoryCreated)] = "created",
        [typeof(StoryRevised)] = "revised",
        [typeof(StoryRestored)] = "restored",
        [typeof(StoryPublished)] = "published",
        [typeof(StoryUnpublished)] = "unpublished",
        [typeof(StoryImported)] = "imported",
        [typeof(Corrections.StoryNoted)] = "noted",
        [typeof(Legal.LegalHoldPlaced)] = "hold-placed",
        [typeof(Legal.LegalHoldLifted)] = "hold-lifted",
        [typeof(Legal.TextErased)] = "erased",
        [typeof(Legal.AlterationRefused)] = "alteration-refused",
        [typeof(Corrections.StealthEditFlagged)] = "flagged",
        [typeof(Corrections.StealthEditFlagResolved)] = "flag-resolved",
        [typeof(Corrections.StealthEditFlagDismissed)] = "flag-dismissed",
        [typeof(Legal.StoryRedacted)] = "redacted",
        [typeof(Legal.RedactionLifted)] = "redaction-lifted",
        [typeof(Watch.CaptureSeen)] = "seen"
    };

    /// <summary>Every event type a story's stream may hold.</summary>
    public static IReadOnlyCollection<Type> All => Names.Keys;

    public static string Of(object @event) => Names.TryGetValue(@event.GetType(), out var name) ? name : @event.GetType().Name;
}
