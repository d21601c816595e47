using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Revisions.Api.Http;
using Revisions.Domain.Legal;
using Revisions.Domain.Stories;
using Wolverine.Http;

namespace Revisions.Api.Stories;

/// <summary>One stored event, as the audit trail shows it.</summary>
public sealed record AuditEvent(string Type, int Version, long Sequence, DateTimeOffset Timestamp, string? Editor, string? Note, object Data);

public static class GetEventsEndpoint
{
    /// <summary>
    /// The raw audit trail: every event in the story's stream, exactly as stored — with the redactions in force
    /// applied to its text for every role but legal.
    /// </summary>
    [WolverineGet("/api/stories/{id}/events", OperationId = "GetStoryEvents")]
    [Tags("Versions"), Authorize(Policy = Policies.Newsroom), ProblemResponses(404)]
    public static async Task<Results<Ok<List<AuditEvent>>, ProblemHttpResult>> Get(string id, HttpContext context, IQuerySession session, CancellationToken cancellation)
    {
        var story = await StoryLookup.FindStateAsync(session, id, cancellation);
        if (story is null) return Problems.NotFound(StoryLookup.Missing(id));

        var events = await session.Events.FetchStreamAsync(story.Id, token: cancellation);
        var redactions = Roles.RedactionsFor(context, story.Redactions);
        return TypedResults.Ok(events.Select(e =>
        {
            var data = RedactionRules.ApplyToEvent(e.Data, redactions);
            return new AuditEvent(StoryEventKinds.Of(data), (int)e.Version, e.Sequence, e.Timestamp, (data as IStoryEvent)?.Editor, (data as IStoryEvent)?.Note, data);
        }).ToList());
    }
}
