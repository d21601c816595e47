using System.Globalization;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Features;
using Revisions.Domain.Stories;
using Wolverine.Http;

namespace Revisions.Api.Public;

public static class GetLiveUpdatesEndpoint
{
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);
    public const int RetryMilliseconds = 5_000;

    /// <summary>
    /// Server-Sent Events for readers with the story open: an <c>update</c> event (id = publish version) each
    /// time the story is published again. <c>since</c> (or Last-Event-ID on reconnect) is the update the page
    /// shows, so one published while the page was loading is sent at once rather than lost.
    /// </summary>
    [WolverineGet("/stories/{slug}/live", OperationId = "ReadStoryLive")]
    [Tags("Reader pages"), AllowAnonymous, ExcludeFromDescription]
    public static async Task<IResult> Get(string slug, string? since, HttpContext context, IQuerySession session,
        LiveUpdates live, IHostApplicationLifetime lifetime, CancellationToken cancellation)
    {
        var (_, story) = await PublicHistory.FindAsync(session, slug, cancellation);
        // Anything but 200 makes EventSource stop for good, which is right for a story that is not (or no longer) live.
        if (story is null) return Results.NotFound();

        var listener = live.Listen(story.Published.Id);
        if (listener is null) return Results.StatusCode(503);

        // Listening first, then reading the latest publish, leaves no moment in which an update could be missed.
        var now = await session.LoadAsync<PublishedStory>(story.Published.Id, cancellation);
        var seen = LastSeen(context, since) ?? story.Latest.Version;
        StoryUpdated? missed = now is { IsLive: true, PublishVersion: { } latest } && latest > seen
            ? new StoryUpdated(now.Id, latest, now.PublishedAt ?? default)
            : null;
        return new EventStream(listener, missed, lifetime.ApplicationStopping);
    }

    private static int? LastSeen(HttpContext context, string? since)
    {
        var text = context.Request.Headers["Last-Event-ID"].ToString();
        if (text.Length == 0) text = since ?? "";
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
    }

    /// <summary>The open stream: ends when the reader leaves or the app stops, and always lets go of its listener.</summary>
    private sealed class EventStream(LiveUpdates.Listener listener, StoryUpdated? missed, CancellationToken stopping) : IResult
    {
        public async Task ExecuteAsync(HttpContext context)
        {
            using var _ = listener;
            using var end = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
            var response = context.Response;
            response.ContentType = "text/event-stream; charset=utf-8";
            response.Headers.CacheControl = "no-cache, no-store";
            response.Headers["X-Accel-Buffering"] = "no";
            ReaderPage.Secure(context);
            context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

            try
            {
                await Write(response, $"retry: {RetryMilliseconds}\n: connected\n\n", end.Token);
                if (missed is not null) await Write(response, Event(missed), end.Token);
                while (!end.IsCancellationRequested)
                {
                    if (await NextAsync(end.Token) is { } update) await Write(response, Event(update), end.Token);
                    else if (!end.IsCancellationRequested) await Write(response, ": heartbeat\n\n", end.Token);
                }
            }
            catch (OperationCanceledException) when (end.IsCancellationRequested)
            {
                // The reader went away or the app is stopping: the stream simply ends.
            }
        }

        /// <summary>The next update, or null when a heartbeat is due (or the stream is ending).</summary>
        private async Task<StoryUpdated?> NextAsync(CancellationToken end)
        {
            if (listener.Updates.TryRead(out var ready)) return ready;
            using var beat = CancellationTokenSource.CreateLinkedTokenSource(end);
            beat.CancelAfter(Heartbeat);
            try
            {
                return await listener.Updates.WaitToReadAsync(beat.Token) && listener.Updates.TryRead(out var update) ? update : null;
            }
            catch (OperationCanceledException) when (!end.IsCancellationRequested)
            {
                return null;
            }
        }

        private static string Event(StoryUpdated update)
        {
            var version = update.Version.ToString(CultureInfo.InvariantCulture);
            return $"id: {version}\nevent: update\ndata: {{\"version\":{version}}}\n\n";
        }

        private static async Task Write(HttpResponse response, string text, CancellationToken cancellation)
        {
            await response.WriteAsync(text, cancellation);
            await response.Body.FlushAsync(cancellation);
        }
    }
}
