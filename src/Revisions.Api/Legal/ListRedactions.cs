using Marten;
using Marten.Events;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Revisions.Api.Http;
using Revisions.Api.Stories;
using Revisions.Domain.Legal;
using Wolverine.Http;

namespace Revisions.Api.Legal;

/// <summary>One redaction of a story: what it names, who made it and why, and whether it has been lifted.</summary>
public sealed record RedactionEntry(
    Guid RedactionId, int Version, DateTimeOffset At, int ContentVersion, int? Block, string? Field, string Reason, string Editor,
    bool InForce, DateTimeOffset? LiftedAt = null, string? LiftedBy = null, string? LiftReason = null, Guid? Note = null);

public static class ListRedactionsEndpoint
{
    /// <summary>Every redaction of the story, oldest first, lifted ones included.</summary>
    [WolverineGet("/api/stories/{id}/redactions", OperationId = "ListRedactions")]
    [Tags("Legal"), Authorize(Policy = Policies.LegalOrAdmin), ProblemResponses(404)]
    public static async Task<Results<Ok<List<RedactionEntry>>, ProblemHttpResult>> Get(string id, IQuerySession session, CancellationToken cancellation)
    {
        var story = await StoryLookup.FindStateAsync(session, id, cancellation);
        if (story is null) return Problems.NotFound(StoryLookup.Missing(id));

        var events = await session.Events.QueryAllRawEvents()
            .Where(e => e.StreamId == story.Id && e.EventTypesAre(typeof(StoryRedacted), typeof(RedactionLifted)))
            .OrderBy(e => e.Version)
            .ToListAsync(cancellation);
        var entries = new List<RedactionEntry>();
        foreach (var e in events)
        {
            if (e.Data is StoryRedacted r)
                entries.Add(new RedactionEntry(r.RedactionId, (int)e.Version, EventTime.Of(e), r.ContentVersion, r.BlockIndex, r.Field,
                    r.Reason, r.Editor, InForce: true, Note: r.NoteId));
            else if (e.Data is RedactionLifted l && entries.FindIndex(x => x.RedactionId == l.RedactionId) is var i and >= 0)
                entries[i] = entries[i] with { InForce = false, LiftedAt = EventTime.Of(e), LiftedBy = l.Editor, LiftReason = l.Reason };
        }
        return TypedResults.Ok(entries);
    }
}
