using Marten;
using Revisions.Api.Http;
using Revisions.Api.Stories;
using Revisions.Domain.Stories;
using Wolverine.Http;

namespace Revisions.Api.Corrections;

public sealed record DismissFlag(string? Reason);

public static class DismissFlagEndpoint
{
    public const int MaxReasonLength = 2_000;

    /// <summary>A standards editor closes a flag as unfounded, giving the reason, which stays on record.</summary>
    [WolverinePost("/api/flags/{flagId}/dismiss", OperationId = "DismissFlag")]
    [Tags("Corrections")]
    public static async Task<IResult> Post(Guid flagId, DismissFlag command, HttpContext context, IDocumentSession session, CancellationToken cancellation)
    {
        if (string.IsNullOrWhiteSpace(command.Reason) || command.Reason.Length > MaxReasonLength)
            return Problems.BadRequest("A dismissal needs a reason", $"Say in \"reason\" (at most {MaxReasonLength} characters) why the change needs no note.");
        var flag = await session.LoadAsync<StealthEditFlag>(flagId, cancellation);
        if (flag is not null && flag.Status != FlagStatus.Open)
            return Problems.Conflict("The flag is already closed", $"The flag was {flag.Status.ToString().ToLowerInvariant()} by {flag.ClosedBy}.");
        var storyId = flag?.StoryId ?? await StoryHoldingAsync(session, flagId, cancellation);
        if (storyId is null) return Problems.NotFound($"No stealth-edit flag has the id {flagId}.");

        return await StoryWrites.ApplyAsync(context, session, storyId.Value.ToString(), null,
            (story, editor, _) => Task.FromResult(new Decision(story.DismissFlag(flagId, command.Reason, editor))),
            cancellation,
            versionRequired: false,
            respond: (_, events) => events.Count == 0
                ? Problems.Conflict("The flag is already closed", "Another editor closed it a moment ago.")
                : Results.Ok(new { flagId, status = "dismissed", reason = command.Reason.Trim() }));
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
