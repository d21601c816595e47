namespace Revisions.Api.Watch;

/// <summary>
/// How the watcher behaves (<c>Revisions:Watch:*</c>, docs/watch.md). The defaults are those of a polite crawler:
/// one request per site every five seconds, short timeouts, a size cap, robots.txt honoured.
/// </summary>
public sealed record WatchOptions
{
    public const string Section = "Revisions:Watch";

    /// <summary>Whether this node takes part in polling (Wolverine runs the poller on exactly one node that does).</summary>
    public bool Background { get; init; } = true;
    /// <summary>The least time between two requests to one host (a robots.txt Crawl-delay may lengthen it).</summary>
    public double HostSpacingSeconds { get; init; } = 5;
    public double TimeoutSeconds { get; init; } = 20;
    /// <summary>A page or feed larger than this is refused, not captured.</summary>
    public long MaxBytes { get; init; } = 5 * 1024 * 1024;
    public int MaxRedirects { get; init; } = 5;
    /// <summary>Where a site owner can learn who is fetching and how to reach them; named in the User-Agent.</summary>
    public string? ContactUrl { get; init; }
    /// <summary>The longest wait after repeated errors (the wait doubles with each error, from the source's interval).</summary>
    public double MaxBackoffHours { get; init; } = 24;
    /// <summary>
    /// How often an unchanged page is kept as a sighting (a <c>CaptureSeen</c> event with its raw response); checks in
    /// between that find nothing new are counted on the page, not kept.
    /// </summary>
    public double KeepUnchangedEveryMinutes { get; init; } = 360;
    public int DefaultIntervalMinutes { get; init; } = 15;
    public double MinIntervalMinutes { get; init; } = 1;
    /// <summary>At most this many entries of a feed are followed, newest as the feed orders them.</summary>
    public int MaxEntriesPerFeed { get; init; } = 200;
    /// <summary>How many hosts are fetched from at once.</summary>
    public int Concurrency { get; init; } = 8;
    /// <summary>How long a site's robots.txt is trusted before it is read again (RFC 9309 suggests at most a day).</summary>
    public double RobotsHours { get; init; } = 24;
    /// <summary>
    /// Whether sources may be on loopback, private or link-local addresses. Off by default: a watched URL must not be
    /// a way into the newsroom's own network (server-side request forgery). Tests and benchmarks on loopback turn it on.
    /// </summary>
    public bool AllowPrivateAddresses { get; init; }

    /// <summary>The product token robots.txt groups are matched against.</summary>
    public const string ProductToken = "Revisions";

    public string UserAgent => ContactUrl is { Length: > 0 } contact
        ? $"{ProductToken}/1.0 (+{contact}; watches public pages for changes)"
        : $"{ProductToken}/1.0 (watches public pages for changes)";

    public TimeSpan HostSpacing => TimeSpan.FromSeconds(HostSpacingSeconds);
    public TimeSpan Timeout => TimeSpan.FromSeconds(TimeoutSeconds);
    public TimeSpan MaxBackoff => TimeSpan.FromHours(MaxBackoffHours);
    public TimeSpan KeepUnchangedEvery => TimeSpan.FromMinutes(KeepUnchangedEveryMinutes);
}
