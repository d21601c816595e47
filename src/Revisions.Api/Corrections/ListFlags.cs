using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Revisions.Api.Http;
using Revisions.Api.Stories;
using Revisions.Domain.Stories;
using Wolverine.Http;

namespace Revisions.Api.Corrections;

public sealed record FlagItem(StealthEditFlag Flag, string Slug, string Headline);

public static class ListFlagsEndpoint
{
    /// <summary>Stealth-edit flags, newest first: open ones by default, or <c>status=resolved|dismissed|all</c>.</summary>
    [WolverineGet("/api/flags", OperationId = "ListFlags")]
    [Tags("Corrections"), Authorize(Policy = Policies.Newsroom), ProblemResponses(400)]
    public static async Task<Results<Ok<List<FlagItem>>, ProblemHttpResult>> Get(string? status, HttpContext context, IQuerySession session, CancellationToken cancellation)
    {
        var query = session.Query<StealthEditFlag>().AsQueryable();
        switch (status?.ToLowerInvariant() ?? "open")
        {
            case "all": break;
            case "open": query = query.Where(f => f.Status == FlagStatus.Open); break;
            case "resolved": query = query.Where(f => f.Status == FlagStatus.Resolved); break;
            case "dismissed": query = query.Where(f => f.Status == FlagStatus.Dismissed); break;
            default: return Problems.BadRequest("Unknown status", "status is open, resolved, dismissed or all.");
        }

        var flags = await query.OrderByDescending(f => f.RaisedAt).Take(1_000).ToListAsync(cancellation);
        var stories = await StoryLookup.LoadManyAsync(session, flags.Select(f => f.StoryId), cancellation);
        return TypedResults.Ok(flags.Select(f => new FlagItem(f, stories.GetValueOrDefault(f.StoryId)?.Slug ?? "",
            stories.GetValueOrDefault(f.StoryId)?.AsShownTo(context).Content.Headline ?? "")).ToList());
    }
}
