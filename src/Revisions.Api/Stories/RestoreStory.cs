using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Revisions.Api.Http;
using Revisions.Diff.Classification;
using Wolverine.Http;

namespace Revisions.Api.Stories;

public sealed record RestoreStory(int Version, int? ExpectedVersion, string? Note);

public static class RestoreStoryEndpoint
{
    /// <summary>Brings back the content of an earlier version as a new version; history is never rewritten.</summary>
    [WolverinePost("/api/stories/{id}/restore", OperationId = "RestoreStory")]
    [Tags("Stories"), Authorize(Policy = Policies.Editors), ProblemResponses(400, 404, 409, 422, 428)]
    public static async Task<Results<Ok<StoryView>, ProblemHttpResult>> Post(string id, RestoreStory command, HttpContext context, IDocumentSession session)
    {
        var change = await StoryChange.OpenAsync(context, session, id, command.ExpectedVersion);
        if (change.Answered) return change.Answer;
        var earlier = await change.VersionAsync(command.Version);
        return await change.SaveAsync(change.Story.Restore(command.Version, earlier, change.Editor, command.Note, ChangeReader.Current));
    }
}
