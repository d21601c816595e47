using Marten;
using Revisions.Api.Http;
using Wolverine.Http;

namespace Revisions.Api.Stories;

public static class GetStoryEndpoint
{
    /// <summary>
    /// The latest version of a story (by id or slug), or with <c>asOf</c> the story as it stood at that instant.
    /// </summary>
    [WolverineGet("/api/stories/{id}", OperationId = "GetStory")]
    [Tags("Stories")]
    public static async Task<IResult> Get(string id, string? asOf, HttpContext context, IQuerySession session, CancellationToken cancellation)
    {
        var story = await StoryLookup.FindAsync(session, id, cancellation);
        if (story is null) return Problems.NotFound(StoryLookup.Missing(id));
        if (asOf is null)
        {
            if (Versions.NotModified(context, story.Version)) return Results.StatusCode(304);
            return StoryWrites.Respond(context, story);
        }

        if (!Instants.TryParse(asOf, out var instant)) return Instants.Invalid("asOf", asOf);
        var then = await StoryVersion.StandingAtAsync(session, story.Id, instant, cancellation);
        return then is null
            ? Problems.NotFound($"The story did not exist yet at {instant:O}; it was created at {story.CreatedAt:O}.")
            : StoryWrites.Respond(context, then.Story);
    }
}
