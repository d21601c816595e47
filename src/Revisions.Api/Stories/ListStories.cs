using Marten;
using Marten.Pagination;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Revisions.Api.Http;
using Revisions.Domain.Stories;
using Wolverine.Http;

namespace Revisions.Api.Stories;

public sealed record StorySummary(Guid Id, string Slug, string Headline, int Version, StoryStatus Status, DateTimeOffset UpdatedAt, string LastEditor);

public sealed record StoryPage(IReadOnlyList<StorySummary> Items, int Page, int PageSize, long Total);

public static class ListStoriesEndpoint
{
    public const int MaxPageSize = 100;

    /// <summary>Stories, most recently changed first.</summary>
    [WolverineGet("/api/stories", OperationId = "ListStories")]
    [Tags("Stories"), Authorize(Policy = Policies.Newsroom), ProblemResponses(400)]
    public static async Task<Results<Ok<StoryPage>, ProblemHttpResult>> Get(int? page, int? pageSize, IQuerySession session, CancellationToken cancellation)
    {
        var p = page ?? 1;
        var size = pageSize ?? 20;
        if (p < 1 || size < 1 || size > MaxPageSize)
            return Problems.BadRequest("Invalid page", $"page starts at 1 and pageSize is between 1 and {MaxPageSize}.");

        var stories = await session.Query<Story>()
            .OrderByDescending(s => s.UpdatedAt)
            .ToPagedListAsync(p, size, cancellation);
        var items = stories.Select(s => new StorySummary(s.Id, s.Slug, s.Content.Headline, s.Version, s.Status, s.UpdatedAt, s.LastEditor)).ToList();
        return TypedResults.Ok(new StoryPage(items, p, size, stories.TotalItemCount));
    }
}
