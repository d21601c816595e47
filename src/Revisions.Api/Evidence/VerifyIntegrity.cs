using Marten;
using Revisions.Api.Hosting;
using Wolverine.Http;

namespace Revisions.Api.Evidence;

public static class VerifyIntegrityEndpoint
{
    /// <summary>
    /// Re-checks every event against its hash-chain link and every signed checkpoint. Names the first broken
    /// story and version; 200 either way, with <c>ok</c> saying whether everything verified.
    /// </summary>
    [WolverineGet("/api/integrity/verify", OperationId = "VerifyIntegrity")]
    [Tags("Integrity")]
    public static async Task<IResult> Get(IDocumentStore store, IConfiguration configuration, CancellationToken cancellation) =>
        Results.Ok(await IntegrityVerifier.VerifyAsync(store, configuration.ConnectionString(), cancellation));
}

public sealed record CheckpointSummary(Guid Id, DateTimeOffset At, string Root, int Stories, string KeyFingerprint, string PublicKeyPem);

public static class CreateCheckpointEndpoint
{
    /// <summary>Signs a checkpoint now over every story's head (they are also signed periodically).</summary>
    [WolverinePost("/api/integrity/checkpoints", OperationId = "CreateCheckpoint")]
    [Tags("Integrity")]
    public static async Task<IResult> Post(IDocumentSession session, SigningKey key, TimeProvider clock, CancellationToken cancellation)
    {
        var checkpoint = await Checkpoints.CreateAsync(session, key, clock, cancellation);
        return Results.Created($"/api/integrity/checkpoints/{checkpoint.Id}", Summary(checkpoint));
    }

    /// <summary>The latest signed checkpoint and the public key that verifies it.</summary>
    [WolverineGet("/api/integrity/checkpoints/latest", OperationId = "LatestCheckpoint")]
    [Tags("Integrity")]
    public static async Task<IResult> Latest(IQuerySession session, CancellationToken cancellation)
    {
        var checkpoint = await session.Query<IntegrityCheckpoint>().OrderByDescending(c => c.At).FirstOrDefaultAsync(cancellation);
        return checkpoint is null
            ? Http.Problems.NotFound("No checkpoint has been signed yet.")
            : Results.Ok(Summary(checkpoint));
    }

    private static CheckpointSummary Summary(IntegrityCheckpoint c) =>
        new(c.Id, c.At, c.Root, c.Stories, c.Signed.KeyFingerprint(), c.PublicKeyPem);
}
