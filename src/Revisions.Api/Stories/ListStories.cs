using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Revisions.Api.Http;
using Revisions.Domain.Stories;
using Wolverine.Http;

namespace Revisions.Api.Stories;

/// <param name="Rank">With a search: how well the story matched, higher first (above 1 its words matched; below,
/// a name like one searched for).</param>
public sealed record StorySummary(Guid Id, string Slug, string Headline, int Version, StoryStatus Status, DateTimeOffset UpdatedAt, string LastEditor,
    double? Rank = null)
{
    /// <summary>The story as the caller may see it (Http/Roles.cs): its headline with the redactions in force applied, unless legal.</summary>
    public static StorySummary Of(Story story, HttpContext context, double? rank = null) =>
        new(story.Id, story.Slug, story.AsShownTo(context).Content.Headline, story.Version, story.Status, story.UpdatedAt, story.LastEditor, rank);
}

public sealed record StoryPage(IReadOnlyList<StorySummary> Items, int Page, int PageSize, long Total);

public static class ListStoriesEndpoint
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    /// <summary>
    /// Stories, most recently changed first; or, with <c>q</c>, the stories whose headline, standfirst, body or
    /// notes match it, best match first (docs/api.md). <c>status</c> (draft, published) and the paging apply
    /// either way; the <c>Link</c> header names the other pages.
    /// </summary>
    [WolverineGet("/api/stories", OperationId = "ListStories")]
    [Tags("Stories"), Authorize(Policy = Policies.Newsroom), ProblemResponses(400)]
    public static async Task<Results<Ok<StoryPage>, ProblemHttpResult>> Get(string? q, string? status, int? page, int? pageSize, HttpContext context,
        IQuerySession session, SearchSettings search, CancellationToken cancellation)
    {
        if (!Paging.TryRead(page, pageSize, DefaultPageSize, MaxPageSize, out var paging, out var problem)) return problem!;
        StoryStatus? only = null;
        if (status is not null)
        {
            if (!status.All(char.IsLetter) || !Enum.TryParse<StoryStatus>(status, ignoreCase: true, out var parsed))
                return Problems.BadRequest("Unknown status", "status is draft or published.");
            only = parsed;
        }
        var text = q?.Trim();
        if (StorySearches.Unsearchable(text) is { } why) return Problems.BadRequest(why.Title, why.Detail);

        var (hits, total) = await StorySearches.ListAsync(session, search, text, only, StoryFilters.None, paging, cancellation);
        var answer = new StoryPage(hits.Select(h => StorySummary.Of(h.Story, context, h.Rank)).ToList(), paging.Page, paging.Size, total);
        paging.Advertise(context, answer.Total);
        return TypedResults.Ok(answer);
    }
}
