using Marten;
using Revisions.Api.Http;
using Revisions.Api.Stories;
using Revisions.Domain.Legal;
using Wolverine.Http;

namespace Revisions.Api.Legal;

public sealed record LiftRedaction(string? Reason);

public static class LiftRedactionEndpoint
{
    /// <summary>
    /// A redaction stops applying (the order was lifted or set aside): the text shows again wherever it is
    /// public. Both the redaction and the lifting stay in the story's history.
    /// </summary>
    [WolverinePost("/api/stories/{id}/redactions/{redactionId}/lift", OperationId = "LiftRedaction")]
    [Tags("Legal")]
    public static Task<IResult> Post(string id, Guid redactionId, LiftRedaction command, HttpContext context, IDocumentSession session,
        CancellationToken cancellation)
    {
        if (string.IsNullOrWhiteSpace(command.Reason))
            return Task.FromResult(Problems.BadRequest("Lifting a redaction needs a reason", "Give \"reason\": why the text may be shown again."));

        return StoryWrites.ApplyAsync(context, session, id, null,
            (story, editor, _) =>
            {
                var events = RedactionRules.Lift(story, redactionId, command.Reason, editor);
                return Task.FromResult(events.Count == 0
                    ? Decision.Refuse(Problems.NotFound($"The story has no redaction {redactionId} in force."))
                    : new Decision(events));
            },
            cancellation,
            versionRequired: false);
    }
}
