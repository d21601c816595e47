using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Revisions.Api.Http;
using Wolverine.Http;

namespace Revisions.Api.Watch;

public static class PollSourceEndpoint
{
    /// <summary>
    /// Makes the source and its pages due now: the node that polls picks them up within seconds, still one request
    /// per site at a time. 202: the poll is queued, not done; its outcome shows in the source's last poll and error.
    /// </summary>
    [WolverinePost("/api/watch/sources/{id}/poll", OperationId = "PollWatchSource")]
    [Tags("Watch"), Authorize(Policy = Policies.Watchers), ProblemResponses(404, 409)]
    public static async Task<Results<Accepted<SourceView>, ProblemHttpResult>> Post(Guid id, IDocumentSession session, TimeProvider clock,
        CancellationToken cancellation)
    {
        var source = await session.LoadAsync<WatchSource>(id, cancellation);
        if (source is null) return Problems.NotFound(WatchSources.Missing(id));
        if (source.Status == SourceStatus.Paused) return Problems.Conflict("The source is paused", "Resume it to poll it.");
        var now = clock.GetUtcNow();
        session.Store(source with { NextPollAt = now });
        var pages = await WatchViews.PagesOfAsync(session, id, cancellation);
        foreach (var page in pages.Where(p => p.Active)) session.Store(page with { NextPollAt = now });
        await session.SaveChangesAsync(cancellation);
        return TypedResults.Accepted($"/api/watch/sources/{id}", WatchViews.Of(source with { NextPollAt = now }, pages));
    }
}
