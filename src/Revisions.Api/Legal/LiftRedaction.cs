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

public sealed record LiftRedaction(string? Reason);

public static class LiftRedactionEndpoint
{
    public static ProblemDetails Validate(LiftRedaction command) =>
        !TextRules.HasVisibleCharacter(command.Reason)
            ? Problems.BadRequest("Lifting a redaction needs a reason", "Give \"reason\": why the text may be shown again.").ProblemDetails
            : WolverineContinue.NoProblems;

    /// <summary>
    /// A redaction stops applying (the order was lifted or set aside): the text shows again wherever it is
    /// public. Both the redaction and the lifting stay in the story's history.
    /// </summary>
    [WolverinePost("/api/stories/{id}/redactions/{redactionId}/lift", OperationId = "LiftRedaction")]
    [Tags("Legal"), Authorize(Policy = Policies.Legal), ProblemResponses(400, 404, 409, 422)]
    public static async Task<Results<Ok<StoryView>, ProblemHttpResult>> Post(string id, Guid redactionId, LiftRedaction command, HttpContext context, IDocumentSession session)
    {
        var change = await StoryChange.OpenAdditionAsync(context, session, id);
        if (change.Answered) return change.Answer;
        return await change.SaveAsync(change.Story.LiftRedaction(redactionId, command.Reason!, change.Editor));
    }
}
