using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Revisions.Api.Http;
using Wolverine.Http;

namespace Revisions.Api.Watch;

public static class GetSourceEndpoint
{
    /// <summary>One watched source and every page it follows, each with its story and how its polls went.</summary>
    [WolverineGet("/api/watch/sources/{id}", OperationId = "GetWatchSource")]
    [Tags("Watch"), Authorize(Policy = Policies.Newsroom), ProblemResponses(404)]
    public static async Task<Results<Ok<SourceDetail>, ProblemHttpResult>> Get(Guid id, IQuerySession session, CancellationToken cancellation)
    {
        var source = await session.LoadAsync<WatchSource>(id, cancellation);
        if (source is null) return Problems.NotFound(WatchSources.Missing(id));
        var pages = await WatchViews.PagesOfAsync(session, id, cancellation);
        return TypedResults.Ok(new SourceDetail(WatchViews.Of(source, pages), pages.Select(WatchViews.Of).ToList()));
    }
}
