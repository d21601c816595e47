using System.Diagnostics;
using Marten;
using Revisions.Api.Corrections;
using Revisions.Api.Stories;
using Wolverine.Http;

namespace Revisions.Api.Admin;

public sealed record RebuildReport(IReadOnlyList<string> Projections, long Events, long ElapsedMilliseconds);

public static class RebuildProjectionsEndpoint
{
    /// <summary>Every read model Revisions keeps, rebuilt in this order.</summary>
    public static readonly Type[] Projections =
    [
        typeof(StoryProjection), typeof(PublishedStoryProjection), typeof(StoryVersionsProjection),
        typeof(CorrectionLogProjection), typeof(StealthEditFlagProjection)
    ];

    /// <summary>
    /// Throws the read models away and builds them again from the events, which are the only source of truth.
    /// Run it after a change to a projection's code, or to prove the read models match the history.
    /// </summary>
    [WolverinePost("/api/admin/projections/rebuild", OperationId = "RebuildProjections")]
    [Tags("Admin")]
    public static async Task<IResult> Post(IDocumentStore store, CancellationToken cancellation) =>
        Results.Ok(await RebuildAsync(store, null, cancellation));

    public static async Task<RebuildReport> RebuildAsync(IDocumentStore store, Action<string>? progress, CancellationToken cancellation)
    {
        var watch = Stopwatch.StartNew();
        // All of them in one pass over the events (Admin/ReadModelReplay.cs), rather than one daemon rebuild each.
        progress?.Invoke(string.Join(", ", Projections.Select(p => p.Name)));
        var events = await new ReadModelReplay(store).RunAsync(cancellation);
        return new RebuildReport(Projections.Select(p => p.Name).ToList(), events, watch.ElapsedMilliseconds);
    }
}
