using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Revisions.Api.Http;
using Revisions.Api.Stories;
using Revisions.Domain.Legal;
using Wolverine.Http;

namespace Revisions.Api.Legal;

public sealed record LiftHold(string? Reason);

public static class LiftHoldEndpoint
{
    public static ProblemDetails Validate(LiftHold command) => PlaceHoldEndpoint.ReasonProblem(command.Reason);

    /// <summary>Lifts one hold; the story is free again when no other hold stands.</summary>
    [WolverinePost("/api/stories/{id}/holds/{holdId}/lift", OperationId = "LiftLegalHold")]
    [Tags("Legal"), Authorize(Policy = Policies.Legal), ProblemResponses(400, 404, 409, 422)]
    public static async Task<Results<Ok<HoldChanged>, ProblemHttpResult>> Post(string id, Guid holdId, LiftHold command, HttpContext context, IDocumentSession session)
    {
        var change = await StoryChange.OpenAdditionAsync(context, session, id, null, (story, _) => TypedResults.Ok(new HoldChanged(holdId, story.ActiveHolds)));
        if (change.Answered) return change.Answer;
        return await change.SaveAsync(change.Story.LiftHold(holdId, command.Reason!, change.Editor));
    }
}
