using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Revisions.Api.Http;
using Wolverine.Http;

namespace Revisions.Api.Stories;

/// <summary>
/// One line of a story's history. <c>changes</c> and <c>changeSummary</c> classify a change of content;
/// <c>capturedAt</c> is set on versions imported from dated captures.
/// </summary>
public sealed record VersionSummary(
    int Version, DateTimeOffset At, string Editor, string? Note, string Kind, IReadOnlyList<string> ChangedFields,
    DateTimeOffset? CapturedAt = null, IReadOnlyList<string>? Changes = null, string? ChangeSummary = null);

public static class ListVersionsEndpoint
{
    /// <summary>Every version of the story, oldest first: when, who, why, what kind of change and which fields.</summary>
    [WolverineGet("/api/stories/{id}/versions", OperationId = "ListStoryVersions")]
    [Tags("Versions"), Authorize(Policy = Policies.Newsroom), ProblemResponses(404)]
    public static async Task<Results<Ok<List<VersionSummary>>, ProblemHttpResult>> Get(string id, IQuerySession session, CancellationToken cancellation)
    {
        var story = await StoryLookup.FindAsync(session, id, cancellation);
        if (story is null) return Problems.NotFound(StoryLookup.Missing(id));

        var versions = await session.Query<StoryVersion>()
            .Where(v => v.StoryId == story.Id)
            .OrderBy(v => v.Version)
            .Select(v => new VersionSummary(v.Version, v.At, v.Editor, v.Note, v.Kind, v.ChangedFields, v.CapturedAt, v.Changes, v.ChangeSummary))
            .ToListAsync(cancellation);
        return TypedResults.Ok(versions.ToList());
    }
}
