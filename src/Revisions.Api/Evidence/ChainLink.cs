using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
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

/// <summary>Chains each new event onto its stream's previous link.</summary>
public sealed class HashChainProjection : IProjection
{
    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        var serializer = operations.DocumentStore.Options.Serializer();
        foreach (var stream in events.GroupBy(e => e.StreamId))
        {
            var ordered = stream.OrderBy(e => e.Version).ToList();
            var first = ordered[0].Version;
            var previous = first == 1
                ? Chain.Genesis
                : (await operations.LoadAsync<ChainLink>(ChainLink.Key(stream.Key, first - 1), cancellation))?.Hash
                  ?? throw new InvalidOperationException($"Story {stream.Key} has no chain link for version {first - 1}.");
            foreach (var e in ordered)
            {
                var contentHash = Chain.ContentHash(serializer.ToJson(e.Data));
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
}
