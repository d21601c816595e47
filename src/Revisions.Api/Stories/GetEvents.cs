using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Revisions.Api.Http;
using Revisions.Domain.Stories;
using Wolverine.Http;

namespace Revisions.Api.Stories;

/// <summary>One stored event, as the audit trail shows it.</summary>
public sealed record AuditEvent(string Type, int Version, long Sequence, DateTimeOffset Timestamp, string? Editor, string? Note, object Data);

public static class GetEventsEndpoint
{
    /// <summary>The raw audit trail: every event in the story's stream, exactly as stored.</summary>
    [WolverineGet("/api/stories/{id}/events", OperationId = "GetStoryEvents")]
    [Tags("Versions"), Authorize(Policy = Policies.Newsroom), ProblemResponses(404)]
    public static async Task<Results<Ok<List<AuditEvent>>, ProblemHttpResult>> Get(string id, IQuerySession session, CancellationToken cancellation)
    {
        var story = await StoryLookup.FindAsync(session, id, cancellation);
        if (story is null) return Problems.NotFound(StoryLookup.Missing(id));

        var events = await session.Events.FetchStreamAsync(story.Id, token: cancellation);
        return TypedResults.Ok(events.Select(e => new AuditEvent(
            StoryEventKinds.Of(e.Data), (int)e.Version, e.Sequence, e.Timestamp,
            (e.Data as IStoryEvent)?.Editor, (e.Data as IStoryEvent)?.Note, e.Data)).ToList());
    }
}
