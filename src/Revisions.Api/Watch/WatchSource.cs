namespace Revisions.Api.Watch;

public enum SourceKind
{
    /// <summary>An RSS, Atom or JSON Feed: every article it lists is watched.</summary>
    Feed,
    /// <summary>One page, watched on its own.</summary>
    Page
}

public enum SourceStatus
{
    Active,
    Paused
}

/// <summary>
/// Something the newsroom asked Revisions to watch: a feed or a page, how often, and how its last poll went. A
/// feed's articles are <see cref="WatchedPage"/>s of their own; a page source has exactly one.
/// </summary>
public sealed record WatchSource
{
    public Guid Id { get; init; }
    public string Url { get; init; } = "";
    public SourceKind Kind { get; init; }
    public SourceStatus Status { get; init; }
    public int IntervalSeconds { get; init; }
    public DateTimeOffset AddedAt { get; init; }
    public string AddedBy { get; init; } = "";
    public DateTimeOffset? LastPolledAt { get; init; }
    public DateTimeOffset NextPollAt { get; init; }
    public string? LastError { get; init; }
    public DateTimeOffset? LastErrorAt { get; init; }
    public int Failures { get; init; }
    /// <summary>The validators of the feed as last served, sent back on the next poll (conditional GET).</summary>
    public string? ETag { get; init; }
    public string? LastModified { get; init; }

    public TimeSpan Interval => TimeSpan.FromSeconds(IntervalSeconds);
}

/// <summary>
/// One page being watched (an article a feed lists, or a page source), keyed by its address so that two sources
/// listing one article share it. Its captures go to one story (<see cref="StoryId"/>, set by the first capture).
/// </summary>
public sealed record WatchedPage
{
    /// <summary>The page's absolute URL.</summary>
    public string Id { get; init; } = "";
    public IReadOnlyList<Guid> SourceIds { get; init; } = [];
    /// <summary>Whether any of its sources is active; a page of paused sources only is not polled.</summary>
    public bool Active { get; init; } = true;
    public int IntervalSeconds { get; init; }
    public Guid? StoryId { get; init; }
    public DateTimeOffset AddedAt { get; init; }
    public DateTimeOffset? LastPolledAt { get; init; }
    public DateTimeOffset NextPollAt { get; init; }
    public string? LastError { get; init; }
    public DateTimeOffset? LastErrorAt { get; init; }
    public int Failures { get; init; }
    public string? ETag { get; init; }
    public string? LastModified { get; init; }
    /// <summary>When a capture last changed the story's content.</summary>
    public DateTimeOffset? LastChangedAt { get; init; }
    /// <summary>When a capture (a change or a sighting) was last kept as evidence.</summary>
    public DateTimeOffset? LastKeptAt { get; init; }
    /// <summary>Polls that found the page as it was and were not kept (see <see cref="WatchOptions.KeepUnchangedEveryMinutes"/>).</summary>
    public int UnchangedChecks { get; init; }

    public Uri Url => new(Id);
    public TimeSpan Interval => TimeSpan.FromSeconds(IntervalSeconds);
}
