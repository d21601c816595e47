using System.Collections.Concurrent;
using Marten;
using Microsoft.Extensions.Options;
using Revisions.Watch;

namespace Revisions.Api.Watch;

/// <summary>What one round of polling did, and when there may be more to do.</summary>
public sealed record PollRound(int Requests, int Captures, int Errors, DateTimeOffset? NextWorkAt);

/// <summary>
/// Polls what is due, one request per host per round at most, hosts in parallel. A host is asked again only
/// after <see cref="WatchOptions.HostSpacing"/> (or its robots.txt Crawl-delay, if longer); a feed goes before
/// the pages of its host, and pages by how long they have waited. Runs on one node (<see cref="WatchAgent"/>);
/// its pacing and robots.txt copies are in memory, so a node that takes over starts them afresh. Tests drive it
/// round by round with a fake clock (<see cref="RunRoundAsync"/>).
/// </summary>
public sealed class WatchPoller(IDocumentStore store, WatchFetcher fetcher, CaptureRecorder recorder, TimeProvider clock,
    IOptions<WatchOptions> settings, ILogger<WatchPoller> logger)
{
    private readonly WatchOptions _options = settings.Value;
    private readonly ConcurrentDictionary<string, DateTimeOffset> _hostReadyAt = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, (RobotsRules Rules, DateTimeOffset Until)> _robots = new(StringComparer.OrdinalIgnoreCase);
    private readonly SemaphoreSlim _oneRound = new(1, 1);

    private abstract record Work(Uri Url, DateTimeOffset Due)
    {
        public string Host => Url.IdnHost;
    }

    private sealed record FeedWork(WatchSource Source) : Work(new Uri(Source.Url), Source.NextPollAt);

    private sealed record PageWork(WatchedPage Page) : Work(Page.Url, Page.NextPollAt);

    /// <summary>One round: for each host that may be asked now, its most pressing due work.</summary>
    public async Task<PollRound> RunRoundAsync(CancellationToken cancellation = default)
    {
        await _oneRound.WaitAsync(cancellation);
        try
        {
            var now = clock.GetUtcNow();
            await using var session = store.QuerySession();
            var feeds = await session.Query<WatchSource>()
                .Where(s => s.Kind == SourceKind.Feed && s.Status == SourceStatus.Active && s.NextPollAt <= now)
                .ToListAsync(cancellation);
            var pages = await session.Query<WatchedPage>()
                .Where(p => p.Active && p.NextPollAt <= now)
                .OrderBy(p => p.NextPollAt).Take(10_000)
                .ToListAsync(cancellation);
            var due = feeds.Select(f => (Work)new FeedWork(f)).Concat(pages.Select(p => new PageWork(p)))
                .GroupBy(w => w.Host, StringComparer.OrdinalIgnoreCase)
                .ToList();

            var requests = 0;
            var captures = 0;
            var errors = 0;
            using var gate = new SemaphoreSlim(Math.Max(1, _options.Concurrency));
            var tasks = due.Where(host => ReadyAt(host.Key) <= now).Select(async host =>
            {
                await gate.WaitAsync(cancellation);
                try
                {
                    var (asked, captured, failed) = await ServeHostAsync(host.Key, host.OrderBy(w => w is FeedWork ? 0 : 1).ThenBy(w => w.Due).First(), cancellation);
                    Interlocked.Add(ref requests, asked);
                    Interlocked.Add(ref captures, captured);
                    Interlocked.Add(ref errors, failed);
                }
                finally
                {
                    gate.Release();
                }
            }).ToList();
            await Task.WhenAll(tasks);

            // More is due when a host with waiting work becomes ready, or the next poll falls due.
            var waiting = due.Select(h => h.Count() > 1 || ReadyAt(h.Key) > now ? ReadyAt(h.Key) : (DateTimeOffset?)null).Where(t => t is not null);
            var nextPoll = await NextDueAsync(cancellation);
            var next = waiting.Append(nextPoll).Where(t => t is not null).Min();
            return new PollRound(requests, captures, errors, next);
        }
        finally
        {
            _oneRound.Release();
        }
    }

    private DateTimeOffset ReadyAt(string host) => _hostReadyAt.GetValueOrDefault(host, DateTimeOffset.MinValue);

    private async Task<DateTimeOffset?> NextDueAsync(CancellationToken cancellation)
    {
        await using var session = store.QuerySession();
        var feed = await session.Query<WatchSource>().Where(s => s.Kind == SourceKind.Feed && s.Status == SourceStatus.Active)
            .OrderBy(s => s.NextPollAt).Select(s => s.NextPollAt).FirstOrDefaultAsync(cancellation);
        var page = await session.Query<WatchedPage>().Where(p => p.Active)
            .OrderBy(p => p.NextPollAt).Select(p => p.NextPollAt).FirstOrDefaultAsync(cancellation);
        return new[] { feed, page }.Where(t => t != default).Select(t => (DateTimeOffset?)t).Min();
    }

    /// <summary>One piece of work for one host: a robots.txt refresh, a feed or a page. Returns requests, captures, errors.</summary>
    private async Task<(int, int, int)> ServeHostAsync(string host, Work work, CancellationToken cancellation)
    {
        var requests = 0;
        async Task<RobotsRules> Robots(Uri url, CancellationToken token)
        {
            if (_robots.TryGetValue(url.IdnHost, out var known) && known.Until > clock.GetUtcNow()) return known.Rules;
            requests++;
            var rules = await fetcher.RobotsAsync(url, token);
            _robots[url.IdnHost] = (rules, clock.GetUtcNow() + TimeSpan.FromHours(_options.RobotsHours));
            return rules;
        }

        try
        {
            // A robots.txt to read first takes this round's request for the host; the work waits for the next.
            if (!_robots.TryGetValue(host, out var cached) || cached.Until <= clock.GetUtcNow())
            {
                await Robots(work.Url, cancellation);
                return (requests, 0, 0);
            }
            var (validatorEtag, validatorModified) = work switch
            {
                FeedWork f => (f.Source.ETag, f.Source.LastModified),
                PageWork p => (p.Page.ETag, p.Page.LastModified),
                _ => (null, null)
            };
            // A page robots.txt forbids is not asked for at all: no request is made.
            var outcome = await fetcher.GetAsync(work.Url, validatorEtag, validatorModified, Robots, () => requests++, cancellation);
            var (captured, failed) = work switch
            {
                FeedWork f => await recorder.FeedPolledAsync(f.Source, outcome, cancellation),
                PageWork p => await recorder.PagePolledAsync(p.Page, outcome, cancellation),
                _ => (0, 0)
            };
            return (requests, captured, failed);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellation.IsCancellationRequested)
        {
            // One source's trouble never stops the others: it is recorded on the source and retried with backoff.
            logger.LogWarning("Polling {Url} failed: {Reason}", work.Url, e.Message);
            await recorder.FailedAsync(work switch { FeedWork f => f.Source.Id, _ => null }, (work as PageWork)?.Page.Id, $"Internal error: {e.Message}", null, cancellation);
            return (requests, 0, 1);
        }
        finally
        {
            if (requests > 0)
            {
                var delay = _robots.TryGetValue(host, out var rules) && rules.Rules.CrawlDelay is { } crawl && crawl > _options.HostSpacing ? crawl : _options.HostSpacing;
                _hostReadyAt[host] = clock.GetUtcNow() + delay;
            }
        }
    }
}
