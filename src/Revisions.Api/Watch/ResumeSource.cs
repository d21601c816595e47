using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Revisions.Api.Http;
using Wolverine.Http;

namespace Revisions.Api.Watch;

public static class ResumeSourceEndpoint
{
    /// <summary>Polls a paused source again, starting at once.</summary>
    [WolverinePost("/api/watch/sources/{id}/resume", OperationId = "ResumeWatchSource")]
    [Tags("Watch"), Authorize(Policy = Policies.Watchers), ProblemResponses(404)]
    public static Task<Results<Ok<SourceView>, ProblemHttpResult>> Post(Guid id, IDocumentSession session, TimeProvider clock, CancellationToken cancellation) =>
        WatchSources.ChangeAsync(session, id, source => source with { Status = SourceStatus.Active, NextPollAt = clock.GetUtcNow() }, cancellation);
}
