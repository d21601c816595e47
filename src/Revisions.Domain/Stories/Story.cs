using Revisions.Domain.Legal;
using Revisions.Domain.Standards;

namespace Revisions.Domain.Stories;

public enum StoryStatus
{
    Draft,
    Published
}

/// <summary>
/// A story as it stands after some version of its stream: the latest draft content and whether (and which
/// content version) is live. Built only by <see cref="Evolve"/>; decisions return the events to append.
/// </summary>
public sealed record Story
{
    public Guid Id { get; init; }
    public string Slug { get; init; } = "";
    /// <summary>The stream version: every event, content or not, moves it on by one.</summary>
    public int Version { get; init; }
    public StoryContent Content { get; init; } = null!;
    /// <summary>The version whose event last set the content.</summary>
    public int ContentVersion { get; init; }
    public StoryStatus Status { get; init; }
    /// <summary>The content version that is live, when the story is published.</summary>
    public int? PublishedVersion { get; init; }
    public DateTimeOffset? PublishedAt { get; init; }
    public DateTimeOffset? FirstPublishedAt { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public string CreatedBy { get; init; } = "";
    public string LastEditor { get; init; } = "";
    /// <summary>The content version of the latest publish, kept after an unpublish to compare the next one with.</summary>
    public int? LastPublishedContentVersion { get; init; }
    /// <summary>The content versions that carry a public note (correction, clarification, update).</summary>
    public IReadOnlyList<int> PubliclyNotedVersions { get; init; } = [];
    public IReadOnlyList<OpenFlag> OpenFlags { get; init; } = [];
    /// <summary>Legal holds in force; while any stands, the story's history may not be altered.</summary>
    public IReadOnlyList<Guid> ActiveHolds { get; init; } = [];
    /// <summary>The redactions in force (see Legal/Redactions.cs).</summary>
    public IReadOnlyList<Redaction> Redactions { get; init; } = [];

    public static Story Evolve(Story? state, object @event, int version, DateTimeOffset at) => @event switch
    {
        StoryCreated e => new Story
        {
            Id = e.StoryId, Slug = e.Slug, Version = version, Content = e.Content, ContentVersion = version,
            Status = StoryStatus.Draft, CreatedAt = at, UpdatedAt = at, CreatedBy = e.Editor, LastEditor = e.Editor
        },
        StoryRevised e => Require(state) with
        {
            Version = version, Content = e.Content, ContentVersion = version, UpdatedAt = at, LastEditor = e.Editor
        },
        StoryImported e => Require(state) with
        {
            Version = version, Content = e.Content, ContentVersion = version, UpdatedAt = at, LastEditor = e.Editor
        },
        StoryRestored e => Require(state) with
        {
            Version = version, Content = e.Content, ContentVersion = version, UpdatedAt = at, LastEditor = e.Editor
        },
        StoryPublished e => Require(state) with
        {
            Version = version, Status = StoryStatus.Published, PublishedVersion = e.ContentVersion, PublishedAt = at,
            FirstPublishedAt = state!.FirstPublishedAt ?? at, UpdatedAt = at, LastEditor = e.Editor,
            LastPublishedContentVersion = e.ContentVersion
        },
        StoryUnpublished e => Require(state) with
        {
            Version = version, Status = StoryStatus.Draft, PublishedVersion = null, UpdatedAt = at, LastEditor = e.Editor
        },
        StoryNoted e => Require(state) with
        {
            Version = version,
            PubliclyNotedVersions = e.Kind.IsPublic() ? [.. state!.PubliclyNotedVersions, e.AboutVersion] : state!.PubliclyNotedVersions
        },
        StealthEditFlagged e => Require(state) with
        {
            Version = version, OpenFlags = [.. state!.OpenFlags, new OpenFlag(e.FlagId, e.FromContentVersion, e.ToContentVersion)]
        },
        StealthEditFlagResolved e => Require(state) with
        {
            Version = version, OpenFlags = [.. state!.OpenFlags.Where(f => f.FlagId != e.FlagId)]
        },
        StealthEditFlagDismissed e => Require(state) with
        {
            Version = version, OpenFlags = [.. state!.OpenFlags.Where(f => f.FlagId != e.FlagId)]
        },
        StoryRedacted e => Require(state) with { Version = version, Redactions = [.. state!.Redactions, Redaction.Of(e)] },
        RedactionLifted e => Require(state) with
        {
            Version = version, Redactions = [.. state!.Redactions.Where(r => r.RedactionId != e.RedactionId)]
        },
        Legal.LegalHoldPlaced e => Require(state) with { Version = version, ActiveHolds = [.. state!.ActiveHolds, e.HoldId] },
        Legal.LegalHoldLifted e => Require(state) with { Version = version, ActiveHolds = [.. state!.ActiveHolds.Where(h => h != e.HoldId)] },
        // Events this version of the model does not know (added by later features) still count as versions.
        _ => Require(state) with { Version = version }
    };

    /// <summary>
    /// The state after <paramref name="events"/>, for decisions that depend on earlier events of the same
    /// request (a note, then a publish); the event store assigns the real versions and times.
    /// </summary>
    public Story Then(IEnumerable<object> events, DateTimeOffset at) =>
        events.Aggregate(this, (state, e) => Evolve(state, e, state.Version + 1, at));

    private static Story Require(Story? state) =>
        state ?? throw new InvalidOperationException("A story's stream must start with StoryCreated.");

    public static StoryCreated Create(Guid id, string slug, StoryContent content, string editor, string? note) =>
        new(id, slug, content.Normalised(), editor, note);

    /// <summary>A new story whose first version is an imported capture.</summary>
    public static StoryCreated CreateFromCapture(Guid id, string slug, StoryContent content, SnapshotCapture capture, string editor, string? note) =>
        Create(id, slug, content, editor, note) with { Capture = capture };

    /// <summary>An archived capture replayed as the next version; content equal to the current one yields no event.</summary>
    public IReadOnlyList<object> Import(StoryContent content, SnapshotCapture capture, string editor, string? note)
    {
        var next = content.Normalised();
        return next.Equals(Content)
            ? []
            : [new StoryImported(Id, next, next.ChangedFieldsSince(Content), capture, editor, note)];
    }

    /// <summary>A save of the full content as the CMS holds it; identical content yields no event.</summary>
    public IReadOnlyList<object> Revise(StoryContent content, string editor, string? note)
    {
        var next = content.Normalised();
        return next.Equals(Content)
            ? []
            : [new StoryRevised(Id, next, next.ChangedFieldsSince(Content), editor, note)];
    }

    /// <summary>Brings back the content of an earlier version as a new version.</summary>
    public IReadOnlyList<object> Restore(int version, StoryContent earlier, string editor, string? note) =>
        earlier.Equals(Content)
            ? []
            : [new StoryRestored(Id, version, earlier, earlier.ChangedFieldsSince(Content), editor, note)];

    /// <summary>Makes the current content live; publishing what is already live changes nothing.</summary>
    public IReadOnlyList<object> Publish(string editor, string? note) =>
        Status == StoryStatus.Published && PublishedVersion == ContentVersion
            ? []
            : [new StoryPublished(Id, ContentVersion, Content, editor, note)];

    public IReadOnlyList<object> Unpublish(string editor, string? note) =>
        Status == StoryStatus.Published ? [new StoryUnpublished(Id, editor, note)] : [];

    /// <summary>
    /// A typed note about <paramref name="aboutVersion"/>. A public note closes every open stealth-edit flag
    /// on changes it can speak for: those made after the flag's earlier published version.
    /// </summary>
    public IReadOnlyList<object> AddNote(Guid noteId, NoteKind kind, string text, int aboutVersion, string editor)
    {
        var events = new List<object> { new StoryNoted(Id, noteId, aboutVersion, kind, text.Trim(), editor) };
        if (kind.IsPublic())
        {
            events.AddRange(OpenFlags
                .Where(f => aboutVersion > f.FromContentVersion)
                .Select(f => new StealthEditFlagResolved(Id, f.FlagId, noteId, editor)));
        }
        return events;
    }

    /// <summary>
    /// Whether going live now would show readers a change since the last published content; the caller then
    /// judges the change (from a diff) and passes it to <see cref="FlagUnnotedChange"/>.
    /// </summary>
    public bool RepublishesChangedContent =>
        LastPublishedContentVersion is { } previous && previous != ContentVersion;

    /// <summary>
    /// Flags a substantive change going live when no public note covers any version since the last publish.
    /// </summary>
    public StealthEditFlagged? FlagUnnotedChange(Guid flagId, bool substantive, IReadOnlyList<string> changes, string summary, string editor)
    {
        if (!substantive || LastPublishedContentVersion is not { } previous || previous == ContentVersion) return null;
        var noted = PubliclyNotedVersions.Any(v => v > previous && v <= Version);
        return noted ? null : new StealthEditFlagged(Id, flagId, previous, ContentVersion, changes, summary, editor);
    }

    public IReadOnlyList<object> DismissFlag(Guid flagId, string reason, string editor) =>
        OpenFlags.Any(f => f.FlagId == flagId) ? [new StealthEditFlagDismissed(Id, flagId, reason.Trim(), editor)] : [];
}
