using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Revisions.Api.Http;
using Wolverine.Http;

namespace Revisions.Api.Stories;

public sealed record UnpublishStory(int? ExpectedVersion, string? Note);

public static class UnpublishStoryEndpoint
{
    /// <summary>Takes the story down; readers no longer see it. Its history stays.</summary>
    [WolverinePost("/api/stories/{id}/unpublish", OperationId = "UnpublishStory")]
    [Tags("Stories"), Authorize(Policy = Policies.Editors), ProblemResponses(400, 404, 409, 422, 428)]
    public static async Task<Results<Ok<StoryView>, ProblemHttpResult>> Post(string id, UnpublishStory command, HttpContext context, IDocumentSession session)
    {
        var change = await StoryChange.OpenAsync(context, session, id, command.ExpectedVersion);
        if (change.Answered) return change.Answer;
        return await change.SaveAsync(change.Story.Unpublish(change.Editor, command.Note));
    }
}
