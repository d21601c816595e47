using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Revisions.Api.Http;
using Wolverine.Http;

namespace Revisions.Api.Watch;

public static class RemoveSourceEndpoint
{
    /// <summary>
    /// Stops watching the source for good. The stories of its pages, their versions and raw captures stay: they are
    /// evidence of what was published, and history is never deleted.
    /// </summary>
    [WolverineDelete("/api/watch/sources/{id}", OperationId = "RemoveWatchSource")]
    [Tags("Watch"), Authorize(Policy = Policies.Watchers), ProblemResponses(404)]
    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, IDocumentSession session, CancellationToken cancellation)
    {
        var source = await session.LoadAsync<WatchSource>(id, cancellation);
        if (source is null) return Problems.NotFound(WatchSources.Missing(id));
        session.Delete(source);
        await session.SaveChangesAsync(cancellation);
        await WatchViews.RefreshPagesAsync(session, id, cancellation);
        await session.SaveChangesAsync(cancellation);
        return TypedResults.NoContent();
    }
}
