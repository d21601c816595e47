using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Revisions.Api.Http;
using Wolverine.Http;

namespace Revisions.Api.Stories;

public static class GetStoryEndpoint
{
    /// <summary>
    /// The latest version of a story (by id or slug), or with <c>asOf</c> the story as it stood at that instant.
    /// </summary>
    [WolverineGet("/api/stories/{id}", OperationId = "GetStory")]
    [Tags("Stories"), Authorize(Policy = Policies.Newsroom), ProblemResponses(400, 404)]
    public static async Task<Results<Ok<StoryView>, StatusCodeHttpResult, ProblemHttpResult>> Get(string id, string? asOf, HttpContext context, IQuerySession session)
    {
        var story = await StoryLookup.FindAsync(session, id, context.RequestAborted);
        if (story is null) return Problems.NotFound(StoryLookup.Missing(id));
        if (asOf is null)
        {
            if (Versions.NotModified(context, story.Version)) return TypedResults.StatusCode(StatusCodes.Status304NotModified);
            return StoryView.Answer(context, story, story.Redactions);
        }

        if (!Instants.TryParse(asOf, out var instant)) return Instants.Invalid("asOf", asOf);
        var then = await StoryVersion.StandingAtAsync(session, story.Id, instant, context.RequestAborted);
        return then is null
            ? Problems.NotFound($"The story did not exist yet at {instant:O}; it was created at {story.CreatedAt:O}.")
            : StoryView.Answer(context, then, story.Redactions);
    }
}
