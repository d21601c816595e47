using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Revisions.Api.Http;
using Wolverine.Http;

namespace Revisions.Api.Watch;

public static class ListSourcesEndpoint
{
    /// <summary>Every watched source, oldest first, with its last poll, next poll, last error and how many articles it follows.</summary>
    [WolverineGet("/api/watch/sources", OperationId = "ListWatchSources")]
    [Tags("Watch"), Authorize(Policy = Policies.Newsroom)]
    public static async Task<Ok<List<SourceView>>> Get(IQuerySession session, CancellationToken cancellation)
    {
        var sources = await session.Query<WatchSource>().OrderBy(s => s.AddedAt).ToListAsync(cancellation);
        var pages = await session.Query<WatchedPage>().ToListAsync(cancellation);
        return TypedResults.Ok(sources.Select(s => WatchViews.Of(s, pages.Where(p => p.SourceIds.Contains(s.Id)).ToList())).ToList());
    }
}
