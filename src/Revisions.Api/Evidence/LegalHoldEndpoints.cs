using Marten;
using Revisions.Api.Http;
using Revisions.Api.Stories;
using Revisions.Domain.Legal;
using Wolverine.Http;

namespace Revisions.Api.Evidence;

public sealed record PlaceHold(string? Reason);

public sealed record LiftHold(string? Reason);

public static class LegalHoldEndpoints
{
    public const int MaxReasonLength = 2_000;

    /// <summary>
    /// Puts the story under legal hold: until it is lifted, erasure is refused (409, and the attempt is recorded)
    /// and the database itself refuses to delete or change the story's events.
    /// </summary>
    [WolverinePost("/api/stories/{id}/holds", OperationId = "PlaceLegalHold")]
    [Tags("Legal")]
    public static Task<IResult> Place(string id, PlaceHold command, HttpContext context, IDocumentSession session, CancellationToken cancellation)
    {
        if (!ValidReason(command.Reason, out var problem)) return Task.FromResult(problem!);
        var holdId = Guid.CreateVersion7();
        return StoryWrites.ApplyAsync(context, session, id, null,
            (story, editor, _) => Task.FromResult(new Decision(story.PlaceHold(holdId, command.Reason!, editor))),
            cancellation, versionRequired: false,
            respond: (story, _) => Results.Created($"/api/stories/{story.Id}/holds/{holdId}", new { holdId, activeHolds = story.ActiveHolds }));
    }

    /// <summary>Lifts one hold; the story is free again when no other hold stands.</summary>
    [WolverinePost("/api/stories/{id}/holds/{holdId}/lift", OperationId = "LiftLegalHold")]
    [Tags("Legal")]
    public static Task<IResult> Lift(string id, Guid holdId, LiftHold command, HttpContext context, IDocumentSession session, CancellationToken cancellation)
    {
        if (!ValidReason(command.Reason, out var problem)) return Task.FromResult(problem!);
        return StoryWrites.ApplyAsync(context, session, id, null,
            (story, editor, _) => Task.FromResult(story.ActiveHolds.Contains(holdId)
                ? new Decision(story.LiftHold(holdId, command.Reason!, editor))
                : Decision.Refuse(Problems.NotFound($"The story has no hold {holdId} in force."))),
            cancellation, versionRequired: false,
            respond: (story, _) => Results.Ok(new { holdId, activeHolds = story.ActiveHolds }));
    }

    private static bool ValidReason(string? reason, out IResult? problem)
    {
        problem = string.IsNullOrWhiteSpace(reason) || reason.Length > MaxReasonLength
            ? Problems.BadRequest("A reason is required", $"Say in \"reason\" (at most {MaxReasonLength} characters) why, e.g. the case or order.")
            : null;
        return problem is null;
    }
}
