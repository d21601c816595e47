using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Revisions.Api.Http;
using Revisions.Diff.Classification;
using Revisions.Domain.Stories;
using Wolverine.Http;

namespace Revisions.Api.Stories;

/// <summary>The full new content, as a CMS saves it, and the version the editor started from.</summary>
public sealed record ReviseStory(
    string? Headline,
    string? ShortHeadline,
    string? Standfirst,
    string? Byline,
    IReadOnlyList<Block>? Body,
    string? Note,
    string? NoteKind,
    int? ExpectedVersion) : IStoryFields;

public static class ReviseStoryEndpoint
{
    public static ProblemDetails Validate(ReviseStory command, ContentLimits limits) =>
        Problems.ForContent(command.ToContent(), limits) ?? TypedNotes.Problem(command.NoteKind, command.Note) ?? WolverineContinue.NoProblems;

    /// <summary>
    /// Saves new content as the next version; saving identical content changes nothing. With a
    /// <c>noteKind</c> the note is a typed note (correction, clarification, update, editorial) about this version.
    /// </summary>
    [WolverinePut("/api/stories/{id}", OperationId = "ReviseStory")]
    [Tags("Stories"), Authorize(Policy = Policies.Editors), ProblemResponses(400, 404, 409, 413, 422, 428)]
    public static async Task<Results<Ok<StoryView>, ProblemHttpResult>> Put(string id, ReviseStory command, HttpContext context, IDocumentSession session)
    {
        var change = await StoryChange.OpenAsync(context, session, id, command.ExpectedVersion);
        if (change.Answered) return change.Answer;
        return await change.SaveAsync(change.Story.Revise(command.ToContent(), change.Editor, TypedNotes.Read(command.NoteKind, command.Note), ChangeReader.Current));
    }
}
