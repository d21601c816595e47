using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Revisions.Api.Http;
using Revisions.Api.Stories;
using Revisions.Domain.Corrections;
using Revisions.Domain.Stories;
using Wolverine.Http;

namespace Revisions.Api.Corrections;

public sealed record DismissFlag(string? Reason);

public sealed record FlagDismissed(Guid FlagId, FlagStatus Status, string Reason);

public static class DismissFlagEndpoint
{
    public const int MaxReasonLength = 2_000;

    public static ProblemDetails Validate(DismissFlag command) =>
        !TextRules.HasVisibleCharacter(command.Reason) || command.Reason!.Length > MaxReasonLength
            ? Problems.BadRequest("A dismissal needs a reason", $"Say in \"reason\" (at most {MaxReasonLength} characters) why the change needs no note.").ProblemDetails
            : WolverineContinue.NoProblems;

    /// <summary>A standards editor closes a flag as unfounded, giving the reason, which stays on record.</summary>
    [WolverinePost("/api/flags/{flagId}/dismiss", OperationId = "DismissFlag")]
    [Tags("Corrections"), Authorize(Policy = Policies.Standards), ProblemResponses(400, 404, 409, 422)]
    public static async Task<Results<Ok<FlagDismissed>, ProblemHttpResult>> Post(Guid flagId, DismissFlag command, HttpContext context, IDocumentSession session)
    {
        // The flag list is written with the events that raise and close flags, so it is never behind them.
        var flag = await session.LoadAsync<StealthEditFlag>(flagId, context.RequestAborted);
        if (flag is null) return Problems.NotFound($"No stealth-edit flag has the id {flagId}.");
        if (flag.Status != FlagStatus.Open)
            return Problems.Conflict("The flag is already closed", $"The flag was {flag.Status.ToString().ToLowerInvariant()} by {flag.ClosedBy}.");

        // The story decides again: another editor may close the flag between this read and the save.
        var change = await StoryChange.OpenAdditionAsync(context, session, flag.StoryId.ToString(), null, Dismissed);
        if (change.Answered) return change.Answer;
        return await change.SaveAsync(change.Story.DismissFlag(flagId, command.Reason!, change.Editor));
    }

    private static Ok<FlagDismissed> Dismissed(Story story, IReadOnlyList<object> events)
    {
        var dismissed = events.OfType<StealthEditFlagDismissed>().Single();
        return TypedResults.Ok(new FlagDismissed(dismissed.FlagId, FlagStatus.Dismissed, dismissed.Reason));
    }
}
