using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Revisions.Api.Corrections;
using Revisions.Api.Http;
using Revisions.Api.Stories;
using Revisions.Domain.Corrections;
using Revisions.Domain.Legal;
using Revisions.Domain.Stories;
using Wolverine.Http;

namespace Revisions.Api.Legal;

/// <summary>
/// What to withdraw: a content version and, optionally, one block (0-based, as in the body array) or one
/// field (headline, shortHeadline, standfirst, byline), neither meaning the whole version; or a note, by its id.
/// </summary>
public sealed record RedactStory(int? ContentVersion, int? Block, string? Field, string? Reason, Guid? Note = null);

public sealed record RedactionMade(Guid RedactionId, int Version, int ContentVersion, int? Block, string? Field, string Reason, string Editor, StoryView Story, Guid? Note = null);

public static class RedactStoryEndpoint
{
    public static ProblemDetails Validate(RedactStory command)
    {
        if (!TextRules.HasVisibleCharacter(command.Reason))
            return Problems.BadRequest("A redaction needs a reason", "Give \"reason\": the order or the privacy ground it rests on.").ProblemDetails;
        if (command.Note is not null)
            return command.ContentVersion is null && command.Block is null && command.Field is null
                ? WolverineContinue.NoProblems
                : Problems.BadRequest("Redact a note or content, not both", "Give either \"note\" or \"contentVersion\" (with \"block\" or \"field\").").ProblemDetails;
        if (command.ContentVersion is null)
            return Problems.BadRequest("Which version?", "Give \"contentVersion\": the content version where the text was published, or \"note\": the id of a note.").ProblemDetails;
        if (command.Block is not null && command.Field is not null)
            return Problems.BadRequest("Redact a block or a field, not both", "Give either \"block\" or \"field\", or neither for the whole version.").ProblemDetails;
        if (command.Block is < 0)
            return Problems.BadRequest("Blocks are numbered from 0", "\"block\" is the position in the body array, starting at 0.").ProblemDetails;
        if (command.Field is { } field && !RedactionRules.Fields.Contains(field, StringComparer.OrdinalIgnoreCase))
            return Problems.BadRequest("Unknown field", $"\"field\" must be one of {string.Join(", ", RedactionRules.Fields)}.").ProblemDetails;
        return WolverineContinue.NoProblems;
    }

    /// <summary>
    /// Withdraws text from every public output (court order, privacy). It also covers the same text wherever
    /// it appears in any version; the original stays in the event store. No If-Match is needed: a redaction
    /// cannot overwrite anyone's work.
    /// </summary>
    [WolverinePost("/api/stories/{id}/redactions", OperationId = "RedactStory")]
    [Tags("Legal"), Authorize(Policy = Policies.Legal), ProblemResponses(400, 404, 409, 422)]
    public static async Task<Results<Created<RedactionMade>, ProblemHttpResult>> Post(string id, RedactStory command, HttpContext context, IDocumentSession session)
    {
        var change = await StoryChange.OpenAdditionAsync(context, session, id, null, Made);
        if (change.Answered) return change.Answer;
        if (command.Note is { } noteId)
            return await change.SaveAsync(change.Story.RedactNote(noteId, await NoteAsync(session, change.Story.Id, noteId, context.RequestAborted), command.Reason!, change.Editor));
        var contentVersion = command.ContentVersion!.Value;
        var shown = await change.VersionAsync(contentVersion);
        return await change.SaveAsync(change.Story.Redact(contentVersion, shown, command.Block, command.Field, command.Reason!, change.Editor));
    }

    /// <summary>The story's note <paramref name="noteId"/> as it was recorded, or null when the story has none by that id.</summary>
    private static async Task<StoryNoted?> NoteAsync(IQuerySession session, Guid storyId, Guid noteId, CancellationToken cancellation) =>
        await session.LoadAsync<CorrectionEntry>(noteId, cancellation) is { } entry && entry.StoryId == storyId
            ? new StoryNoted(storyId, entry.Id, entry.AboutVersion, entry.Kind, entry.Text, entry.Editor)
            : null;

    private static Created<RedactionMade> Made(Story story, IReadOnlyList<object> events)
    {
        var e = events.OfType<StoryRedacted>().Single();
        return TypedResults.Created($"/api/stories/{story.Id}/redactions",
            new RedactionMade(e.RedactionId, story.Version, e.ContentVersion, e.BlockIndex, e.Field, e.Reason, e.Editor, StoryView.Of(story), e.NoteId));
    }
}
