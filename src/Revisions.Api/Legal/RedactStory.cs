using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Revisions.Api.Http;
using Revisions.Api.Stories;
using Revisions.Domain.Legal;
using Revisions.Domain.Stories;
using Wolverine.Http;

namespace Revisions.Api.Legal;

/// <summary>
/// What to withdraw: a content version and, optionally, one block (0-based, as in the body array) or one
/// field (headline, shortHeadline, standfirst, byline); neither means the whole version.
/// </summary>
public sealed record RedactStory(int? ContentVersion, int? Block, string? Field, string? Reason);

public sealed record RedactionMade(Guid RedactionId, int Version, int ContentVersion, int? Block, string? Field, string Reason, string Editor, StoryView Story);

public static class RedactStoryEndpoint
{
    public static ProblemDetails Validate(RedactStory command)
    {
        if (string.IsNullOrWhiteSpace(command.Reason))
            return Problems.BadRequest("A redaction needs a reason", "Give \"reason\": the order or the privacy ground it rests on.").ProblemDetails;
        if (command.ContentVersion is null)
            return Problems.BadRequest("Which version?", "Give \"contentVersion\": the content version where the text was published.").ProblemDetails;
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
        var contentVersion = command.ContentVersion!.Value;
        var shown = await change.VersionAsync(contentVersion);
        return await change.SaveAsync(change.Story.Redact(contentVersion, shown, command.Block, command.Field, command.Reason!, change.Editor));
    }

    private static Created<RedactionMade> Made(Story story, IReadOnlyList<object> events)
    {
        var e = events.OfType<StoryRedacted>().Single();
        return TypedResults.Created($"/api/stories/{story.Id}/redactions",
            new RedactionMade(e.RedactionId, story.Version, e.ContentVersion, e.BlockIndex, e.Field, e.Reason, e.Editor, StoryView.Of(story)));
    }
}
