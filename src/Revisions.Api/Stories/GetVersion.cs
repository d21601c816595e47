using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Revisions.Api.Http;
using Wolverine.Http;

namespace Revisions.Api.Stories;

public static class GetVersionEndpoint
{
    /// <summary>The story exactly as it stood at version <c>n</c>, read from its version row, not replayed.</summary>
    [WolverineGet("/api/stories/{id}/versions/{n}", OperationId = "GetStoryVersion")]
    [Tags("Versions"), Authorize(Policy = Policies.Newsroom), ProblemResponses(400, 404)]
    public static async Task<Results<Ok<StoryView>, ProblemHttpResult>> Get(string id, string n, HttpContext context, IQuerySession session)
    {
        var cancellation = context.RequestAborted;
        // By id the row (joined to its content event) is one query away; the story itself is read only for a slug,
        // or to say why there is no such row.
        var storyId = Guid.TryParse(id, out var given) ? given : (await StoryLookup.FindStateAsync(session, id, cancellation))?.Id;
        var wanted = int.TryParse(n, out var number) && number >= 1 ? number : (int?)null;
        if (storyId is not null && wanted is not null && await StoryVersion.LoadAsync(session, storyId.Value, wanted.Value, cancellation) is { } row)
            return StoryView.Answer(context, row, await StoryLookup.RedactionsInForceAsync(session, context, storyId.Value, cancellation));

        var story = storyId is null ? null : await session.LoadAsync<Domain.Stories.StoryState>(storyId.Value, cancellation);
        if (story is null) return Problems.NotFound(StoryLookup.Missing(id));
        if (wanted is null) return Problems.BadRequest("Not a version number", $"'{n}' is not a version; versions are whole numbers from 1.");
        return wanted > story.Version
            ? Problems.NoSuchVersion(story.Version, wanted.Value)
            : Problems.NotFound($"Version {wanted} is not in the read model yet; rebuild projections.");
    }
}
