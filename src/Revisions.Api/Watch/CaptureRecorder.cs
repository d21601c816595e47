using System.Security.Cryptography;
using JasperFx;
using JasperFx.Events;
using Marten;
using Microsoft.Extensions.Options;
using Revisions.Api.Storage;
using Revisions.Api.Stories;
using Revisions.Diff.Classification;
using Revisions.Domain.Stories;
using Revisions.Domain.Watch;
using Revisions.Evidence;
using Revisions.Watch;

namespace Revisions.Api.Watch;

/// <summary>
/// Records what a poll found. A page's capture is a write like any other, in the same three steps as
/// <c>StoryChange</c> and <c>StoryStart</c>: load the facts (the page's story, for an optimistic append), let the
/// domain decide (<see cref="WatchedPages.Capture"/>), and save the events, the raw response they name and the
/// page's poll record in one transaction. It does not go through those classes because there is no request: no
/// idempotency key, no If-Match, no token — the editor is the watcher, and a lost race is simply polled again.
/// </summary>
public sealed class CaptureRecorder(IDocumentStore store, TimeProvider clock, IOptions<WatchOptions> settings, ILogger<CaptureRecorder> logger)
{
    private readonly WatchOptions _options = settings.Value;

    /// <summary>A feed was polled: the pages it lists are watched from now on. Returns (captures, errors).</summary>
    public async Task<(int, int)> FeedPolledAsync(WatchSource source, FetchOutcome outcome, CancellationToken cancellation)
    {
        var now = clock.GetUtcNow();
        if (outcome is FetchOutcome.Failed failed)
        {
            await FailedAsync(source.Id, null, failed.Reason, failed.RetryAfter, cancellation);
            return (0, 1);
        }
        IReadOnlyList<FeedEntry> entries = [];
        if (outcome is FetchOutcome.Fetched fetched)
        {
            try
            {
                entries = FeedReader.Read(new Uri(source.Url), fetched.Capture.Body, _options.MaxEntriesPerFeed);
            }
            catch (FeedException e)
            {
                await FailedAsync(source.Id, null, e.Message, null, cancellation);
                return (0, 1);
            }
        }

        await using var session = store.LightweightSession();
        var current = await session.LoadAsync<WatchSource>(source.Id, cancellation);
        if (current is null) return (0, 0);
        var known = (await session.LoadManyAsync<WatchedPage>(cancellation, entries.Select(e => e.Url.AbsoluteUri).ToArray())).ToDictionary(p => p.Id);
        foreach (var entry in entries)
        {
            if (known.TryGetValue(entry.Url.AbsoluteUri, out var page))
            {
                if (!page.SourceIds.Contains(source.Id))
                    session.Store(page with
                    {
                        SourceIds = [.. page.SourceIds, source.Id], Active = true,
                        IntervalSeconds = Math.Min(page.IntervalSeconds, source.IntervalSeconds)
                    });
                continue;
            }
            session.Store(new WatchedPage
            {
                Id = entry.Url.AbsoluteUri, SourceIds = [source.Id], Active = current.Status == SourceStatus.Active,
                IntervalSeconds = source.IntervalSeconds, AddedAt = now, NextPollAt = now
            });
        }
        session.Store(current with
        {
            LastPolledAt = now, NextPollAt = now + current.Interval, Failures = 0, LastError = null,
            ETag = outcome is FetchOutcome.Fetched f1 ? f1.ETag : current.ETag,
            LastModified = outcome is FetchOutcome.Fetched f2 ? f2.LastModified : current.LastModified
        });
        await session.SaveChangesAsync(cancellation);
        return (0, 0);
    }

    /// <summary>A page was polled: a new version, a sighting, a check, or an error. Returns (captures, errors).</summary>
    public async Task<(int, int)> PagePolledAsync(WatchedPage page, FetchOutcome outcome, CancellationToken cancellation)
    {
        switch (outcome)
        {
            case FetchOutcome.Failed failed:
                await FailedAsync(null, page.Id, failed.Reason, failed.RetryAfter, cancellation);
                return (0, 1);
            case FetchOutcome.NotModified notModified:
                return await RecordAsync(page, null, null, notModified.Capture, page.ETag, page.LastModified, cancellation);
            case FetchOutcome.Fetched fetched:
                var html = PageText.Decode(fetched.Capture.Body,
                    fetched.Capture.Headers.FirstOrDefault(h => h.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)).Value);
                var article = PageExtractor.Extract(page.Url, html);
                if (article is null)
                {
                    await FailedAsync(null, page.Id, "No article found on the page (no headline or no paragraphs).", null, cancellation);
                    return (0, 1);
                }
                if (ContentRules.Check(article.Content, ContentLimits.Default) is { Count: > 0 } problems)
                {
                    await FailedAsync(null, page.Id, $"The article cannot be kept: {problems[0].Message}", null, cancellation);
                    return (0, 1);
                }
                return await RecordAsync(page, article.Content, article.CorrectionNotice, fetched.Capture, fetched.ETag, fetched.LastModified, cancellation);
            default:
                return (0, 0);
        }
    }

    /// <param name="content">What the page says now; null when the server confirmed it unchanged (304).</param>
    private async Task<(int, int)> RecordAsync(WatchedPage page, StoryContent? content, string? notice, HttpCapture response,
        string? etag, string? lastModified, CancellationToken cancellation)
    {
        var now = clock.GetUtcNow();
        var record = response.ToWarc();
        var sha = Chain.Hex(SHA256.HashData(record));
        var capture = new SnapshotCapture(response.FetchedAt, sha, page.Id) { RecordSha256 = sha, Status = response.Status };

        await using var session = store.LightweightSession();
        var current = await session.LoadAsync<WatchedPage>(page.Id, cancellation);
        if (current is null) return (0, 0);
        IEventStream<StoryState>? stream = null;
        Story? story = null;
        if (current.StoryId is { } storyId) (stream, story) = await StoryForWriting.FetchAsync(session, storyId, cancellation);
        content ??= story?.Content;
        if (content is null)
        {
            // A 304 for a page with no story yet: the validators are of no use; ask for the whole page next time.
            session.Store(current with { ETag = null, LastModified = null, NextPollAt = now });
            await session.SaveChangesAsync(cancellation);
            return (0, 0);
        }

        var newId = Guid.CreateVersion7();
        var slug = story is null ? await StorySlugs.FreeAsync(session, Slug.FromHeadline(content.Headline), cancellation)
                                   ?? Slug.WithSuffix(Slug.FromHeadline(content.Headline), Random.Shared.Next(51, 1_000_000)) : "";
        var decision = WatchedPages.Capture(story, newId, slug, content, capture, notice, ChangeReader.Current);
        if (decision.Refusal is { } refusal)
        {
            await FailedAsync(null, page.Id, refusal.Detail, null, cancellation);
            return (0, 1);
        }

        var polled = current with
        {
            LastPolledAt = now, NextPollAt = now + current.Interval, Failures = 0, LastError = null, ETag = etag, LastModified = lastModified
        };
        var seenOnly = decision is [CaptureSeen];
        if (seenOnly && current.LastKeptAt is { } kept && now - kept < _options.KeepUnchangedEvery)
        {
            session.Store(polled with { UnchangedChecks = current.UnchangedChecks + 1 });
            await session.SaveChangesAsync(cancellation);
            return (0, 0);
        }

        if (stream is null) session.Events.StartStream<Story>(newId, decision);
        else stream.AppendMany(decision);
        var storyOf = story?.Id ?? newId;
        session.Store(new RawCapture
        {
            Id = sha, StoryId = storyOf, Url = response.Url.AbsoluteUri, Status = response.Status, FetchedAt = response.FetchedAt,
            Record = HttpCapture.Gzip(record)
        });
        session.Store(polled with { StoryId = storyOf, LastKeptAt = now, LastChangedAt = seenOnly ? current.LastChangedAt : now });
        try
        {
            await session.SaveChangesAsync(cancellation);
        }
        catch (Exception e) when (e is ConcurrencyException || DatabaseErrors.IsUniqueViolation(e))
        {
            // An editor's note or a legal record landed on the story meanwhile, or another story took the slug: poll again soon.
            logger.LogInformation("Capture of {Url} lost a race ({Reason}); it is polled again next round", page.Id, e.GetType().Name);
            await using var retry = store.LightweightSession();
            retry.Store(current with { NextPollAt = now });
            await retry.SaveChangesAsync(cancellation);
            return (0, 0);
        }
        return (seenOnly ? 0 : 1, 0);
    }

    /// <summary>Records an error on a feed source or a page and backs off: the interval doubles with each error in a row.</summary>
    public async Task FailedAsync(Guid? sourceId, string? pageId, string reason, TimeSpan? retryAfter, CancellationToken cancellation)
    {
        var now = clock.GetUtcNow();
        await using var session = store.LightweightSession();
        if (sourceId is { } id && await session.LoadAsync<WatchSource>(id, cancellation) is { } source)
        {
            var failures = source.Failures + 1;
            session.Store(source with
            {
                LastPolledAt = now, LastError = reason, LastErrorAt = now, Failures = failures,
                NextPollAt = now + Backoff(source.Interval, failures, retryAfter)
            });
        }
        if (pageId is not null && await session.LoadAsync<WatchedPage>(pageId, cancellation) is { } page)
        {
            var failures = page.Failures + 1;
            session.Store(page with
            {
                LastPolledAt = now, LastError = reason, LastErrorAt = now, Failures = failures,
                NextPollAt = now + Backoff(page.Interval, failures, retryAfter)
            });
        }
        await session.SaveChangesAsync(cancellation);
    }

    private TimeSpan Backoff(TimeSpan interval, int failures, TimeSpan? retryAfter)
    {
        var wait = interval * Math.Pow(2, Math.Min(failures - 1, 20));
        if (retryAfter is { } asked && asked > wait) wait = asked;
        return wait > _options.MaxBackoff ? _options.MaxBackoff : wait;
    }
}
