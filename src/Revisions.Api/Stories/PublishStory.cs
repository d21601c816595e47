using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Revisions.Api.Http;
using Revisions.Diff.Classification;
using Wolverine.Http;

namespace Revisions.Api.Stories;

public sealed record PublishStory(int? ExpectedVersion, string? Note, string? NoteKind);

public static class PublishStoryEndpoint
{
    public static ProblemDetails Validate(PublishStory command) => TypedNotes.Problem(command.NoteKind, command.Note) ?? WolverineContinue.NoProblems;

    /// <summary>
    /// Makes the current content the published one; publishing what is already live changes nothing. A typed
    /// note (<c>noteKind</c>) is attached to the content going live. Going live again with a substantive change
    /// and no public note raises a stealth-edit flag for the standards desk.
    /// </summary>
    [WolverinePost("/api/stories/{id}/publish", OperationId = "PublishStory")]
    [Tags("Stories"), Authorize(Policy = Policies.Editors), ProblemResponses(400, 404, 409, 413, 422, 428)]
    public static async Task<Results<Ok<StoryView>, ProblemHttpResult>> Post(string id, PublishStory command, HttpContext context, IDocumentSession session)
    {
        var change = await StoryChange.OpenAsync(context, session, id, command.ExpectedVersion);
        if (change.Answered) return change.Answer;
        // What readers saw last, to judge the change going live against; only needed when the content changed since.
        var lastPublished = change.Story.RepublishesChangedContent ? await change.VersionAsync(change.Story.LastPublishedContentVersion) : null;
        return await change.SaveAsync(change.Story.Publish(change.Editor, TypedNotes.Read(command.NoteKind, command.Note), lastPublished, ChangeReader.Current));
    }
}
