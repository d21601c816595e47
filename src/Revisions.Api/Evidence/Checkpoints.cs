using Marten;
using Revisions.Domain.Stories;
using Revisions.Evidence;

namespace Revisions.Api.Evidence;

/// <summary>A signed checkpoint with the heads it covers (kept so inclusion proofs can be made later).</summary>
public sealed record IntegrityCheckpoint
{
    public Guid Id { get; init; }
    public DateTimeOffset At { get; init; }
    public string Root { get; init; } = "";
    public int Stories { get; init; }
    public string PublicKeyPem { get; init; } = "";
    public string Signature { get; init; } = "";
    public IReadOnlyList<Head> Heads { get; init; } = [];

    public SignedCheckpoint Signed => new(Id, At, Root, Stories, PublicKeyPem, Signature);
}

public static class Checkpoints
{
    /// <summary>Signs the Merkle root over every story's current head and stores it.</summary>
    public static async Task<IntegrityCheckpoint> CreateAsync(IDocumentSession session, SigningKey key, TimeProvider clock, CancellationToken cancellation)
    {
        var heads = await HeadsAsync(session, cancellation);
        var id = Guid.CreateVersion7();
        var at = clock.GetUtcNow();
        var signed = SignedCheckpoint.Sign(id, at, Merkle.Root(heads), heads.Count, key.Key);
        var checkpoint = new IntegrityCheckpoint
        {
            Id = id, At = signed.At, Root = signed.Root, Stories = signed.Stories, PublicKeyPem = signed.PublicKeyPem,
            Signature = signed.Signature, Heads = heads
        };
        session.Store(checkpoint);
        await session.SaveChangesAsync(cancellation);
        return checkpoint;
    }

    /// <summary>Every story's latest chain link, in Merkle order.</summary>
    public static async Task<IReadOnlyList<Head>> HeadsAsync(IQuerySession session, CancellationToken cancellation)
    {
        var stories = await session.Query<StoryState>().Select(s => new { s.Id, s.Version }).ToListAsync(cancellation);
        var links = await session.LoadManyAsync<ChainLink>(cancellation, stories.Select(s => ChainLink.Key(s.Id, s.Version)).ToArray());
        return Merkle.Order(links.Select(l => new Head(l.StoryId, l.Version, l.Hash)));
    }

    /// <summary>
    /// The earliest checkpoint signed with <paramref name="publicKeyPem"/> whose head for the story is at or after
    /// <paramref name="version"/>.
    /// </summary>
    public static async Task<(IntegrityCheckpoint Checkpoint, Head Head)?> CoveringAsync(IQuerySession session, Guid storyId, long version, string publicKeyPem,
        CancellationToken cancellation)
    {
        var candidates = await session.Query<IntegrityCheckpoint>().OrderBy(c => c.At).ToListAsync(cancellation);
        foreach (var checkpoint in candidates.Where(c => c.PublicKeyPem.Trim() == publicKeyPem.Trim()))
        {
            var head = checkpoint.Heads.FirstOrDefault(h => h.StoryId == storyId);
            if (head is not null && head.Version >= version) return (checkpoint, head);
        }
        return null;
    }
}

/// <summary>Signs a checkpoint at a fixed interval, when anything changed since the last one.</summary>
public sealed class PeriodicCheckpoints(IDocumentStore store, SigningKey key, TimeProvider clock, IConfiguration configuration, ILogger<PeriodicCheckpoints> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var minutes = configuration.GetValue<double?>("Revisions:Integrity:CheckpointMinutes") ?? 15;
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(minutes), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var session = store.LightweightSession();
                var last = await session.Query<IntegrityCheckpoint>().OrderByDescending(c => c.At).FirstOrDefaultAsync(stoppingToken);
                var heads = await Checkpoints.HeadsAsync(session, stoppingToken);
                if (heads.Count == 0 || last?.Root == Merkle.Root(heads)) continue;
                var checkpoint = await Checkpoints.CreateAsync(session, key, clock, stoppingToken);
                logger.LogInformation("Signed checkpoint {Id} over {Stories} stories, root {Root}", checkpoint.Id, checkpoint.Stories, checkpoint.Root);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Could not sign a checkpoint; will try again at the next interval");
            }
        }
    }
}
