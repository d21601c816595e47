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
            FirstPublishedAt = state!.FirstPublishedAt ?? at, UpdatedAt = at, LastEditor = e.Editor
        },
        StoryUnpublished e => Require(state) with
        {
            Version = version, Status = StoryStatus.Draft, PublishedVersion = null, UpdatedAt = at, LastEditor = e.Editor
        },
        // Events this version of the model does not know (added by later features) still count as versions.
        _ => Require(state) with { Version = version }
    };

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
}
