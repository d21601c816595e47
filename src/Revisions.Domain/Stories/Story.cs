using Revisions.Domain.Corrections;
using Revisions.Domain.Legal;

namespace Revisions.Domain.Stories;

public enum StoryStatus
{
    Draft,
    Published
}

/// <summary>
/// A story's state after some version of its stream, apart from its content: what is live, what the desk
/// must look at, what the law holds. This is what the story's stored row and each version row keep; the content
/// stays in the event that saved it (see <see cref="Story"/>). Built only by <see cref="Evolve"/>.
/// </summary>
public record StoryState
{
    public Guid Id { get; init; }
    public string Slug { get; init; } = "";
    /// <summary>The stream version: every event, content or not, moves it on by one.</summary>
    public int Version { get; init; }
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
    /// <summary>
    /// The page this story watches, when it is a page published elsewhere (Watch/WatchedPages.cs): its versions
    /// come only from captures of that page, and Revisions never publishes it.
    /// </summary>
    public string? WatchedUrl { get; init; }

    /// <summary>
    /// The one fold of a story's events, content aside. Given a <see cref="Story"/>, it returns a Story with
    /// the same content (a record's <c>with</c> copies the object as it is), which <see cref="Story.Evolve"/> relies on.
    /// </summary>
    public static StoryState Evolve(StoryState? state, object @event, int version, DateTimeOffset at) => @event switch
    {
        StoryCreated e => new StoryState
        {
            Id = e.StoryId, Slug = e.Slug, Version = version, ContentVersion = version,
            Status = StoryStatus.Draft, CreatedAt = at, UpdatedAt = at, CreatedBy = e.Editor, LastEditor = e.Editor,
            WatchedUrl = e.Capture?.RecordSha256 is not null ? e.Capture.Source : null
        },
        IContentEvent e => Require(state) with { Version = version, ContentVersion = version, UpdatedAt = at, LastEditor = e.Editor },
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
        TextErased { Redactions: { Count: > 0 } covers } => Require(state) with { Version = version, Redactions = Cover(state!.Redactions, covers) },
        LegalHoldPlaced e => Require(state) with { Version = version, ActiveHolds = [.. state!.ActiveHolds, e.HoldId] },
        LegalHoldLifted e => Require(state) with { Version = version, ActiveHolds = [.. state!.ActiveHolds.Where(h => h != e.HoldId)] },
        // Events this version of the model does not know (added by later features) still count as versions.
        _ => Require(state) with { Version = version }
    };

    /// <summary>The redactions, each also covering what an erasure made of its texts.</summary>
    public static IReadOnlyList<Redaction> Cover(IReadOnlyList<Redaction> redactions, IReadOnlyList<RedactionCover> covers) =>
        [.. redactions.Select(r => covers.Where(c => c.RedactionId == r.RedactionId).Aggregate(r, (redaction, cover) => redaction.Covering(cover)))];

    private static StoryState Require(StoryState? state) =>
        state ?? throw new InvalidOperationException("A story's stream must start with StoryCreated.");

    /// <summary>This state alone: of a <see cref="Story"/>, everything but its content.</summary>
    public StoryState WithoutContent() => GetType() == typeof(StoryState) ? this : new StoryState(this);

    /// <summary>Whether going live now would show readers a change since the last published content.</summary>
    public bool RepublishesChangedContent =>
        LastPublishedContentVersion is { } previous && previous != ContentVersion;
}

/// <summary>
/// A story as it stands after some version of its stream: its state and its latest content (the draft, which
/// may or may not be the live one). Decisions read it and return the events to append (<see cref="Decision"/>).
/// </summary>
public sealed record Story : StoryState
{
    public Story()
    {
    }

    [System.Diagnostics.CodeAnalysis.SetsRequiredMembers]
    public Story(StoryState state, StoryContent content) : base(state) => Content = content;

    public required StoryContent Content { get; init; }

    public static Story Evolve(Story? state, object @event, int version, DateTimeOffset at) =>
        (StoryState.Evolve(state, @event, version, at), @event) switch
        {
            (Story next, IContentEvent e) => next with { Content = e.Content },
            (Story next, _) => next,
            (var next, IContentEvent e) => new Story(next, e.Content),
            _ => throw new InvalidOperationException("A story's stream must start with StoryCreated.")
        };

    /// <summary>
    /// The state after <paramref name="events"/>, for decisions that depend on earlier events of the same
    /// request (a note, then a publish); the event store assigns the real versions and times.
    /// </summary>
    public Story Then(IEnumerable<object> events, DateTimeOffset at) =>
        events.Aggregate(this, (state, e) => Evolve(state, e, state.Version + 1, at));

    /// <summary>The story as every role but legal sees it: with the redactions in force applied to its content.</summary>
    public Story Redacted() => Redactions.Count == 0 ? this : this with { Content = RedactionRules.Apply(Content, Redactions) };

    public static StoryCreated Create(Guid id, string slug, StoryContent content, string editor, string? note) =>
        new(id, slug, content.Normalised(), editor, note);

    /// <summary>A new story whose first version is an imported capture.</summary>
    public static StoryCreated CreateFromCapture(Guid id, string slug, StoryContent content, SnapshotCapture capture, string editor, string? note) =>
        Create(id, slug, content, editor, note) with { Capture = capture };

    /// <summary>
    /// A save of the full content as the CMS holds it, with how the change reads; identical content changes
    /// nothing. A typed note is about the content this save makes.
    /// </summary>
    public Decision Revise(StoryContent content, string editor, ChangeNote? note, IChangeReader changes)
    {
        if (RefuseIfWatched("revised") is { } watched) return watched;
        var next = content.Normalised();
        if (next.Equals(Content)) return Decision.Nothing;
        note ??= ChangeNote.None;
        var revised = new StoryRevised(Id, next, next.ChangedFieldsSince(Content), editor, note.Remark) { Change = changes.Read(Content, next) };
        return Decision.Append([revised, .. Then([revised], UpdatedAt).Noting(note, editor)]);
    }

    /// <summary>An archived capture replayed as the next version; content equal to the current one yields no event.</summary>
    public Decision Import(StoryContent content, SnapshotCapture capture, string editor, string? note, IChangeReader changes)
    {
        if (RefuseIfWatched("given imported versions") is { } watched) return watched;
        var next = content.Normalised();
        return next.Equals(Content)
            ? Decision.Nothing
            : Decision.Append(new StoryImported(Id, next, next.ChangedFieldsSince(Content), capture, editor, note) { Change = changes.Read(Content, next) });
    }

    /// <summary>
    /// Brings back the content of an earlier version (<paramref name="earlier"/>, read by the caller) as a new
    /// version; history is never rewritten.
    /// </summary>
    public Decision Restore(int version, VersionContent? earlier, string editor, string? note, IChangeReader changes)
    {
        if (RefuseIfWatched("restored") is { } watched) return watched;
        if (version < 1 || version > Version || earlier is null) return Refusal.NoSuchVersion(Version, version);
        return earlier.Content.Equals(Content)
            ? Decision.Nothing
            : Decision.Append(new StoryRestored(Id, version, earlier.Content, earlier.Content.ChangedFieldsSince(Content), editor, note)
            {
                Change = changes.Read(Content, earlier.Content)
            });
    }

    /// <summary>
    /// Makes the current content live, with a typed note about it if one is given; publishing what is already
    /// live changes nothing but the note. Going live again with a substantive change since
    /// <paramref name="lastPublished"/> (the content readers saw last, read by the caller) that no public note
    /// explains raises a stealth-edit flag.
    /// </summary>
    public Decision Publish(string editor, ChangeNote? note, VersionContent? lastPublished, IChangeReader changes)
    {
        if (RefuseIfWatched("published") is { } watched) return watched;
        note ??= ChangeNote.None;
        var noted = Noting(note, editor);
        var state = Then(noted, UpdatedAt);
        if (state.Status == StoryStatus.Published && state.PublishedVersion == state.ContentVersion) return Decision.Append(noted);
        var published = new StoryPublished(Id, ContentVersion, Content, editor, note.Remark);
        return state.FlagUnnotedChange(lastPublished, changes, editor) is { } flag
            ? Decision.Append([.. noted, published, flag])
            : Decision.Append([.. noted, published]);
    }

    public Decision Unpublish(string editor, string? note) =>
        Status == StoryStatus.Published ? Decision.Append(new StoryUnpublished(Id, editor, note)) : Decision.Nothing;

    /// <summary>
    /// A typed note about content: the latest content version when no version is named, otherwise the content
    /// the named version showed (<paramref name="named"/>, read by the caller). A note named after a version that
    /// saved no content of its own — a publish, a note, a flag — is about the content that version showed: a note
    /// on publish 7, which put version 5 live, is about version 5, and says so (its AboutVersion). A public
    /// note closes every open stealth-edit flag on changes it can speak for: those made after the flag's
    /// earlier published version.
    /// </summary>
    public Decision AddNote(NoteKind kind, string text, int? aboutVersion, VersionContent? named, string editor)
    {
        if (aboutVersion is not { } version) return Decision.Append(NoteAbout(ContentVersion, kind, text, editor));
        if (version < 1 || version > Version || named is null || named.Version != version) return Refusal.NoSuchVersion(Version, version);
        return Decision.Append(NoteAbout(named.ContentVersion, kind, text, editor));
    }

    /// <summary>A standards editor closes an open flag as unfounded; a flag already closed cannot be dismissed.</summary>
    public Decision DismissFlag(Guid flagId, string reason, string editor) =>
        OpenFlags.Any(f => f.FlagId == flagId)
            ? Decision.Append(new StealthEditFlagDismissed(Id, flagId, reason.Trim(), editor))
            : Decision.Refuse(RefusalKind.Conflict, "The flag is already closed", "Another editor closed it a moment ago.");

    /// <summary>
    /// A watched page's story records what someone else published: only captures change its content, and it is
    /// never published here (someone else's article on our reader pages would be republishing it).
    /// </summary>
    private Refusal? RefuseIfWatched(string what) => WatchedUrl is null ? null
        : new Refusal(RefusalKind.Conflict, "A watched page is not edited here",
            $"This story records what {WatchedUrl} showed when it was captured; it cannot be {what}. Add a note instead.");

    /// <summary>The typed note an editor attached to a change, about the content version the story now stands at.</summary>
    private IReadOnlyList<object> Noting(ChangeNote note, string editor) =>
        note.Kind is { } kind ? NoteAbout(ContentVersion, kind, note.Text ?? "", editor) : [];

    private List<object> NoteAbout(int about, NoteKind kind, string text, string editor)
    {
        var noteId = Guid.CreateVersion7();
        var events = new List<object> { new StoryNoted(Id, noteId, about, kind, text.Trim(), editor) };
        if (kind.IsPublic())
        {
            events.AddRange(OpenFlags
                .Where(f => about > f.FromContentVersion)
                .Select(f => new StealthEditFlagResolved(Id, f.FlagId, noteId, editor)));
        }
        return events;
    }

    /// <summary>
    /// A flag for a substantive change going live when no public note covers any version since the last
    /// publish; null when there is nothing to flag.
    /// </summary>
    private StealthEditFlagged? FlagUnnotedChange(VersionContent? lastPublished, IChangeReader changes, string editor)
    {
        if (!RepublishesChangedContent || lastPublished is null) return null;
        var previous = LastPublishedContentVersion!.Value;
        if (PubliclyNotedVersions.Any(v => v > previous && v <= Version)) return null;
        var change = changes.Read(lastPublished.Content, Content);
        return change.Substantive
            ? new StealthEditFlagged(Id, Guid.CreateVersion7(), previous, ContentVersion, change.Kinds, change.Summary, editor)
            : null;
    }
}

/// <summary>A version of a story and the content it showed: a fact a decision about an earlier version needs.</summary>
/// <param name="Kind">What the version was (created, revised, published, …).</param>
/// <param name="ContentVersion">The version whose event saved the content it showed.</param>
public sealed record VersionContent(int Version, string Kind, int ContentVersion, StoryContent Content);
