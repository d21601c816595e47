using System.Diagnostics;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Revisions.Api.Http;
using Revisions.Api.ReadModels;
using Wolverine.Http;

namespace Revisions.Api.Admin;

public sealed record RebuildReport(IReadOnlyList<string> Projections, long Events, long ElapsedMilliseconds);

public static class RebuildProjectionsEndpoint
{
    /// <summary>
    /// Throws the read models away and builds them again from the events, which are the only source of truth.
    /// Run it after a change to a projection's code, or to prove the read models match the history.
    /// </summary>
    [WolverinePost("/api/admin/projections/rebuild", OperationId = "RebuildProjections")]
    [Tags("Admin"), Authorize(Policy = Policies.Admin)]
    public static async Task<Ok<RebuildReport>> Post(IDocumentStore store, CancellationToken cancellation) =>
        TypedResults.Ok(await RebuildAsync(store, null, cancellation));

    public static async Task<RebuildReport> RebuildAsync(IDocumentStore store, Action<string>? progress, CancellationToken cancellation)
    {
        var watch = Stopwatch.StartNew();
        // All of them in one pass over the events (Admin/ReadModelReplay.cs), rather than one daemon rebuild each.
        var rebuilt = Catalogue.Rebuilt.Select(m => m.Name).ToList();
        progress?.Invoke(string.Join(", ", rebuilt));
        var events = await new ReadModelReplay(store).RunAsync(cancellation);
        return new RebuildReport(rebuilt, events, watch.ElapsedMilliseconds);
    }
}
