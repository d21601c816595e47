using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Revisions.Api.Http;
using Wolverine.Http;

namespace Revisions.Api.Watch;

public static class PauseSourceEndpoint
{
    /// <summary>Stops polling the source (and its pages no active source follows) until it is resumed; nothing is lost.</summary>
    [WolverinePost("/api/watch/sources/{id}/pause", OperationId = "PauseWatchSource")]
    [Tags("Watch"), Authorize(Policy = Policies.Watchers), ProblemResponses(404)]
    public static Task<Results<Ok<SourceView>, ProblemHttpResult>> Post(Guid id, IDocumentSession session, TimeProvider clock, CancellationToken cancellation) =>
        WatchSources.ChangeAsync(session, id, source => source with { Status = SourceStatus.Paused }, cancellation);
}
