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
        var flag = await session.LoadAsync<StealthEditFlag>(flagId, context.RequestAborted);
        if (flag is not null && flag.Status != FlagStatus.Open)
            return Problems.Conflict("The flag is already closed", $"The flag was {flag.Status.ToString().ToLowerInvariant()} by {flag.ClosedBy}.");
        var storyId = flag?.StoryId ?? await StoryHoldingAsync(session, flagId, context.RequestAborted);
        if (storyId is null) return Problems.NotFound($"No stealth-edit flag has the id {flagId}.");

        var change = await StoryChange.OpenAdditionAsync(context, session, storyId.Value.ToString(), null, Dismissed);
        if (change.Answered) return change.Answer;
        return await change.SaveAsync(change.Story.DismissFlag(flagId, command.Reason!, change.Editor));
    }

    private static Ok<FlagDismissed> Dismissed(Story story, IReadOnlyList<object> events)
    {
        var dismissed = events.OfType<StealthEditFlagDismissed>().Single();
        return TypedResults.Ok(new FlagDismissed(dismissed.FlagId, FlagStatus.Dismissed, dismissed.Reason));
    }

    /// <summary>
    /// The flag list is built by the async daemon, so a flag raised a moment ago may not be in it yet; the
    /// story's inline state already holds it (and the story decides whether it is still open).
    /// </summary>
    private static async Task<Guid?> StoryHoldingAsync(IDocumentSession session, Guid flagId, CancellationToken cancellation)
    {
        var stories = await session.Query<Story>().Where(s => s.OpenFlags.Any(f => f.FlagId == flagId))
            .Select(s => s.Id).Take(1).ToListAsync(cancellation);
        return stories.Count == 0 ? null : stories[0];
    }
}
