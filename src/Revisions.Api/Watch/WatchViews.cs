using Marten;

namespace Revisions.Api.Watch;

/// <summary>A watched source as the desk lists it: what, how often, how its last poll went, and how many articles it follows.</summary>
public sealed record SourceView(
    Guid Id, string Url, string Kind, string Status, double IntervalMinutes, DateTimeOffset AddedAt, string AddedBy,
    DateTimeOffset? LastPolledAt, DateTimeOffset? NextPollAt, string? LastError, DateTimeOffset? LastErrorAt, int Articles);

/// <summary>One watched page: its story (once first captured) and how its polls went.</summary>
public sealed record PageView(
    string Url, Guid? StoryId, DateTimeOffset? LastPolledAt, DateTimeOffset? NextPollAt, string? LastError, DateTimeOffset? LastErrorAt,
    DateTimeOffset? LastChangedAt, DateTimeOffset? LastKeptAt, int UnchangedChecks);

/// <summary>A source with every page it follows.</summary>
public sealed record SourceDetail(SourceView Source, IReadOnlyList<PageView> Pages);

public static class WatchViews
{
    public const int MaxUrlLength = 2_000;

    /// <summary>
    /// The source as listed. A page source's polls are its page's; a feed's are the feed's own. A paused source
    /// has no next poll.
    /// </summary>
    public static SourceView Of(WatchSource source, IReadOnlyList<WatchedPage> pages)
    {
        var own = source.Kind == SourceKind.Page ? pages.FirstOrDefault(p => p.Id == source.Url) : null;
        return new SourceView(source.Id, source.Url, source.Kind.ToString().ToLowerInvariant(), source.Status.ToString().ToLowerInvariant(),
            source.IntervalSeconds / 60.0, source.AddedAt, source.AddedBy,
            own?.LastPolledAt ?? source.LastPolledAt,
            source.Status == SourceStatus.Paused ? null : own?.NextPollAt ?? source.NextPollAt,
            own is null ? source.LastError : own.LastError, own is null ? source.LastErrorAt : own.LastErrorAt,
            pages.Count(p => p.StoryId is not null));
    }

    public static PageView Of(WatchedPage page) => new(page.Id, page.StoryId, page.LastPolledAt, page.Active ? page.NextPollAt : null,
        page.LastError, page.LastErrorAt, page.LastChangedAt, page.LastKeptAt, page.UnchangedChecks);

    public static Task<IReadOnlyList<WatchedPage>> PagesOfAsync(IQuerySession session, Guid sourceId, CancellationToken cancellation) =>
        session.Query<WatchedPage>().Where(p => p.SourceIds.Contains(sourceId)).OrderBy(p => p.AddedAt).ToListAsync(cancellation);

    /// <summary>
    /// After a source is paused, resumed or removed: each of its pages is polled while any of its sources is
    /// active, as often as the most frequent of them asks; a page no source follows any more is dropped (its story stays).
    /// </summary>
    public static async Task RefreshPagesAsync(IDocumentSession session, Guid sourceId, CancellationToken cancellation)
    {
        var pages = await PagesOfAsync(session, sourceId, cancellation);
        var ids = pages.SelectMany(p => p.SourceIds).Distinct().ToArray();
        var sources = (await session.LoadManyAsync<WatchSource>(cancellation, ids)).ToDictionary(s => s.Id);
        foreach (var page in pages)
        {
            var following = page.SourceIds.Where(sources.ContainsKey).Select(id => sources[id]).ToList();
            if (following.Count == 0)
            {
                session.Delete(page);
                continue;
            }
            var active = following.Where(s => s.Status == SourceStatus.Active).ToList();
            session.Store(page with
            {
                SourceIds = following.Select(s => s.Id).ToList(), Active = active.Count > 0,
                IntervalSeconds = (active.Count > 0 ? active : following).Min(s => s.IntervalSeconds)
            });
        }
    }
}
