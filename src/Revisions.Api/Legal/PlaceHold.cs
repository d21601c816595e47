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

public sealed record PlaceHold(string? Reason);

/// <summary>A hold placed or lifted, and the holds the story is under now.</summary>
public sealed record HoldChanged(Guid HoldId, IReadOnlyList<Guid> ActiveHolds);

public static class PlaceHoldEndpoint
{
    public const int MaxReasonLength = 2_000;

    public static ProblemDetails Validate(PlaceHold command) => ReasonProblem(command.Reason);

    /// <summary>
    /// Puts the story under legal hold: until it is lifted, erasure is refused (409, and the attempt is recorded)
    /// and the database itself refuses to delete or change the story's events.
    /// </summary>
    [WolverinePost("/api/stories/{id}/holds", OperationId = "PlaceLegalHold")]
    [Tags("Legal"), Authorize(Policy = Policies.Legal), ProblemResponses(400, 404, 409, 422)]
    public static async Task<Results<Created<HoldChanged>, ProblemHttpResult>> Post(string id, PlaceHold command, HttpContext context, IDocumentSession session)
    {
        var change = await StoryChange.OpenAdditionAsync(context, session, id, null, Placed);
        if (change.Answered) return change.Answer;
        return await change.SaveAsync(change.Story.PlaceHold(command.Reason!, change.Editor));
    }

    private static Created<HoldChanged> Placed(Story story, IReadOnlyList<object> events)
    {
        var placed = events.OfType<LegalHoldPlaced>().Single();
        return TypedResults.Created($"/api/stories/{story.Id}/holds/{placed.HoldId}", new HoldChanged(placed.HoldId, story.ActiveHolds));
    }

    /// <summary>A hold, and its lifting, must say why (the case or order), within bounds.</summary>
    public static ProblemDetails ReasonProblem(string? reason) =>
        !TextRules.HasVisibleCharacter(reason) || reason!.Length > MaxReasonLength
            ? Problems.BadRequest("A reason is required", $"Say in \"reason\" (at most {MaxReasonLength} characters) why, e.g. the case or order.").ProblemDetails
            : WolverineContinue.NoProblems;
}
