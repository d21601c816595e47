using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Marten.Services;
using Revisions.Evidence;

namespace Revisions.Api.Evidence;

/// <summary>
/// The hash-chain link of one event, written in the same transaction as the event. Links are evidence, not a
/// read model: they are never rebuilt from the events, or a rebuild would bless a tampered event.
/// </summary>
public sealed record ChainLink
{
    public string Id { get; init; } = "";
    public Guid StoryId { get; init; }
    public long Version { get; init; }
    public long Sequence { get; init; }
    public string Type { get; init; } = "";
    public DateTimeOffset Timestamp { get; init; }
    public string ContentHash { get; init; } = "";
    public string PreviousHash { get; init; } = "";
    public string Hash { get; init; } = "";

    public static string Key(Guid storyId, long version) => $"{storyId:N}/{version}";
}

/// <summary>
/// Chains each new event onto its stream's previous link. The content hash is taken over the event's JSON in the
/// canonical form the verifiers recompute from the stored <c>data</c>, written into pooled buffers rather than
/// strings: the same hash as ever, so old links keep verifying. Marten serialises the event again to store it;
/// handing it these bytes instead would mean wrapping Marten's serializer, which its JSON upcasters refuse, to
/// spare ~0.03 ms a save. The previous link's hash comes from the links this node committed last
/// (<see cref="Heads"/>) when it has the one needed, and is read only otherwise (another node saved last, or the
/// process is new).
/// </summary>
public sealed class HashChainProjection : IProjection
{
    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        var serializer = operations.DocumentStore.Options.Serializer();
        var heads = Heads.Of(operations.DocumentStore);
        foreach (var stream in events.GroupBy(e => e.StreamId))
        {
            var ordered = stream.OrderBy(e => e.Version).ToList();
            var first = ordered[0].Version;
            var previous = first == 1
                ? Chain.Genesis
                : heads.Find(stream.Key, first - 1)
                  ?? (await operations.LoadAsync<ChainLink>(ChainLink.Key(stream.Key, first - 1), cancellation))?.Hash
                  ?? throw new InvalidOperationException($"Story {stream.Key} has no chain link for version {first - 1}.");
            foreach (var e in ordered)
            {
                string contentHash;
                using (var json = new PooledBuffer())
                {
                    serializer.WriteTo(json, e.Data);
                    contentHash = Chain.ContentHash(json.WrittenMemory);
                }
                var hash = Chain.LinkHash(previous, e.EventTypeName, e.Version, e.Timestamp, contentHash);
                operations.Store(new ChainLink
                {
                    Id = ChainLink.Key(stream.Key, e.Version), StoryId = stream.Key, Version = e.Version, Sequence = e.Sequence,
                    Type = e.EventTypeName, Timestamp = Stories.EventTime.Of(e), ContentHash = contentHash,
                    PreviousHash = previous, Hash = hash
                });
                previous = hash;
            }
        }
    }

    /// <summary>
    /// The newest link of each story that this node committed, per store: only committed links (a rolled-back save's
    /// never), and only used for exactly the version asked for, so a link another node committed since is read.
    /// </summary>
    public sealed class Heads
    {
        private const int Most = 100_000;
        private static readonly ConditionalWeakTable<IDocumentStore, Heads> PerStore = new();
        private readonly ConcurrentDictionary<Guid, (long Version, string Hash)> _heads = new();

        public static Heads Of(IDocumentStore store) => PerStore.GetValue(store, _ => new Heads());

        public string? Find(Guid storyId, long version) =>
            _heads.TryGetValue(storyId, out var head) && head.Version == version ? head.Hash : null;

        private void Committed(ChainLink link)
        {
            // Bounded: forgetting every head costs each story one read at its next save.
            if (_heads.Count >= Most) _heads.Clear();
            _heads[link.StoryId] = (link.Version, link.Hash);
        }

        /// <summary>Keeps the last link of each story a commit chained.</summary>
        public sealed class Listener : DocumentSessionListenerBase
        {
            public override Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
            {
                Heads? heads = null;
                foreach (var link in commit.Updated.Concat(commit.Inserted).OfType<ChainLink>().GroupBy(l => l.StoryId).Select(g => g.MaxBy(l => l.Version)!))
                    (heads ??= Of(session.DocumentStore)).Committed(link);
                return Task.CompletedTask;
            }
        }
    }
}
