using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Revisions.Api.Http;
using Wolverine.Http;

namespace Revisions.Api.Evidence;

public static class VerifyIntegrityEndpoint
{
    /// <summary>
    /// Re-checks every event against its hash-chain link and every signed checkpoint. Names every broken story
    /// and version in <c>broken</c> (the first also as <c>firstBroken</c>); 200 either way, with <c>ok</c> saying
    /// whether everything verified.
    /// </summary>
    [WolverineGet("/api/integrity/verify", OperationId = "VerifyIntegrity")]
    [Tags("Integrity"), Authorize(Policy = Policies.LegalOrAdmin)]
    public static async Task<Ok<IntegrityReport>> Get(IDocumentStore store, CancellationToken cancellation) =>
        TypedResults.Ok(await IntegrityVerifier.VerifyAsync(store, cancellation));
}

public sealed record CheckpointSummary(Guid Id, DateTimeOffset At, string Root, int Stories, string KeyFingerprint, string PublicKeyPem);

public static class CreateCheckpointEndpoint
{
    /// <summary>Signs a checkpoint now over every story's head (they are also signed periodically).</summary>
    [WolverinePost("/api/integrity/checkpoints", OperationId = "CreateCheckpoint")]
    [Tags("Integrity"), Authorize(Policy = Policies.Admin)]
    public static async Task<Created<CheckpointSummary>> Post(IDocumentSession session, SigningKey key, TimeProvider clock, CancellationToken cancellation)
    {
        var checkpoint = await Checkpoints.CreateAsync(session, key, clock, cancellation);
        return TypedResults.Created($"/api/integrity/checkpoints/{checkpoint.Id}", Summary(checkpoint));
    }

    /// <summary>The latest signed checkpoint and the public key that verifies it.</summary>
    [WolverineGet("/api/integrity/checkpoints/latest", OperationId = "LatestCheckpoint")]
    [Tags("Integrity"), Authorize(Policy = Policies.LegalOrAdmin), ProblemResponses(404)]
    public static async Task<Results<Ok<CheckpointSummary>, ProblemHttpResult>> Latest(IQuerySession session, CancellationToken cancellation)
    {
        var checkpoint = await session.Query<IntegrityCheckpoint>().OrderByDescending(c => c.At).FirstOrDefaultAsync(cancellation);
        return checkpoint is null
            ? Http.Problems.NotFound("No checkpoint has been signed yet.")
            : TypedResults.Ok(Summary(checkpoint));
    }

    private static CheckpointSummary Summary(IntegrityCheckpoint c) =>
        new(c.Id, c.At, c.Root, c.Stories, c.Signed.KeyFingerprint(), c.PublicKeyPem);
}
