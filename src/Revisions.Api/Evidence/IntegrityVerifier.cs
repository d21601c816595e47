using System.Data;
using Marten;
using Npgsql;
using Revisions.Domain.Stories;
using Revisions.Evidence;

namespace Revisions.Api.Evidence;

public sealed record BrokenLink(Guid StoryId, long Version, string Reason);

public sealed record CheckpointCheck(Guid Id, DateTimeOffset At, bool SignatureValid, bool RootMatches);

/// <param name="FirstBroken">The first of <paramref name="Broken"/>, kept for clients written before the list existed.</param>
/// <param name="Broken">Every broken version of every story, story by story, oldest version first.</param>
public sealed record IntegrityReport(bool Ok, long Events, int Stories, BrokenLink? FirstBroken, IReadOnlyList<BrokenLink> Broken,
    IReadOnlyList<CheckpointCheck> Checkpoints);

/// <summary>
/// Re-checks everything from the stored events: each event's content hash and chain link, story by story,
/// and each signed checkpoint's signature and Merkle root against the links it covered. Names every broken
/// story and version, including versions whose event and link are both gone, as far as anything left in the
/// store still knows of them.
/// </summary>
public static class IntegrityVerifier
{
    /// <summary>The type Marten gives the rows it writes to keep sequence numbers contiguous after a failed append.</summary>
    private const string Tombstone = "tombstone";

    private sealed record StoredEvent(string Type, DateTimeOffset Timestamp, string ContentHash);

    public static async Task<IntegrityReport> VerifyAsync(IDocumentStore store, CancellationToken cancellation)
    {
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellation);
        // One snapshot for every table read, so a save committing meanwhile never looks like a missing event or link.
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellation);
        await using var session = store.QuerySession(Marten.Services.SessionOptions.ForTransaction(transaction, shouldAutoCommit: false));

        var links = (await session.Query<ChainLink>().ToListAsync(cancellation))
            .GroupBy(l => l.StoryId).ToDictionary(g => g.Key, g => g.ToDictionary(l => l.Version));
        var erasures = (await session.Query<ErasureRecord>().ToListAsync(cancellation)).ToLookup(e => (e.StoryId, e.Version));
        var checkpoints = await session.Query<IntegrityCheckpoint>().OrderBy(c => c.At).ToListAsync(cancellation);
        var documents = await session.Query<StoryState>().Select(s => new { s.Id, s.Version }).ToListAsync(cancellation);
        var schema = store.Options.Events.DatabaseSchemaName;
        var streams = await StreamsAsync(connection, transaction, schema, cancellation);
        var events = await EventsAsync(connection, transaction, schema, cancellation);

        // Besides its own events and links, three records say how far a story's history reaches: the stream table
        // (written with every append), the story's current state (written inline with it) and the heads of the
        // signed checkpoints (which nobody can rewrite without the key). The furthest of them is where the
        // history must at least reach, so a deleted last event is named even when its link went with it.
        var reaches = new Dictionary<Guid, List<(long Version, string Source)>>();
        void Reaches(Guid story, long version, string source)
        {
            if (!reaches.TryGetValue(story, out var known)) reaches[story] = known = [];
            known.Add((version, source));
        }
        foreach (var (id, stream) in streams.Where(s => s.Value.Type is not null))
            Reaches(id, stream.Version, $"the event store's stream table records version {stream.Version}");
        foreach (var document in documents)
            Reaches(document.Id, document.Version, $"the story's current state is version {document.Version}");
        var trusted = checkpoints.Where(c => c.Signed.VerifySignature() && Merkle.Root(Merkle.Order(c.Heads)) == c.Root).ToList();
        foreach (var checkpoint in trusted)
        foreach (var head in checkpoint.Heads)
            Reaches(head.StoryId, head.Version, $"checkpoint {checkpoint.Id} signed version {head.Version} at {Chain.Time(checkpoint.At)}");

        // Marten's tombstone rows sit in a stream of their own that no story is: no stream type, no links, no
        // state, no checkpoint names it, and it holds nothing else. A tombstone row anywhere else is checked as
        // the inserted row it is.
        var stories = events.Keys.Concat(links.Keys).Concat(reaches.Keys).ToHashSet();
        stories.RemoveWhere(id => !links.ContainsKey(id) && !reaches.ContainsKey(id)
                                  && events[id].Values.All(e => e.Type == Tombstone));

        var broken = new List<BrokenLink>();
        long checkedEvents = 0;
        foreach (var story in stories.Order())
        {
            var stored = events.GetValueOrDefault(story) ?? [];
            checkedEvents += stored.Count;
            broken.AddRange(CheckStory(story, stored, links.GetValueOrDefault(story) ?? [], reaches.GetValueOrDefault(story) ?? [], erasures));
        }
        broken.AddRange(RewrittenChains(trusted, links, broken));

        var results = checkpoints
            .Select(c => new CheckpointCheck(c.Id, c.At, c.Signed.VerifySignature(),
                Merkle.Root(Merkle.Order(c.Heads.Select(h => h with { Hash = links.GetValueOrDefault(h.StoryId)?.GetValueOrDefault(h.Version)?.Hash ?? "" })))
                == c.Root && Merkle.Root(Merkle.Order(c.Heads)) == c.Root))
            .ToList();
        var ordered = broken.OrderBy(b => b.StoryId).ThenBy(b => b.Version).ToList();
        var ok = ordered.Count == 0 && results.All(c => c.SignatureValid && c.RootMatches);
        return new IntegrityReport(ok, checkedEvents, stories.Count, ordered.FirstOrDefault(), ordered, results);
    }

    /// <summary>Every version of one story that does not verify, from version 1 to the furthest any record reaches.</summary>
    private static IEnumerable<BrokenLink> CheckStory(Guid story, Dictionary<long, StoredEvent> events, Dictionary<long, ChainLink> links,
        List<(long Version, string Source)> reaches, ILookup<(Guid, long), ErasureRecord> erasures)
    {
        var furthest = reaches.OrderByDescending(r => r.Version).FirstOrDefault();
        var end = new[] { events.Keys.DefaultIfEmpty(0).Max(), links.Keys.DefaultIfEmpty(0).Max(), furthest.Version }.Max();
        var present = events.Keys.Concat(links.Keys).DefaultIfEmpty(0).Max();
        var versions = Enumerable.Range(1, (int)Math.Max(0, end)).Select(v => (long)v).Concat(events.Keys.Where(v => v < 1)).Order();
        foreach (var version in versions)
        {
            var reason = Check(story, version, events.GetValueOrDefault(version), links.GetValueOrDefault(version), links.GetValueOrDefault(version - 1),
                version > present ? furthest.Source : "later versions exist", erasures);
            if (reason is not null) yield return new BrokenLink(story, version, reason);
        }
    }

    private static string? Check(Guid story, long version, StoredEvent? e, ChainLink? link, ChainLink? previousLink, string knownFrom,
        ILookup<(Guid, long), ErasureRecord> erasures)
    {
        if (version < 1) return "an event numbered below 1 is no version of the story";
        if (e is null && link is null) return $"the event and its chain link are missing ({knownFrom})";
        if (e is null) return "the event is missing; its chain link remains";
        if (link is null) return "the event has no chain link";
        if (link.Type != e.Type) return "the event's type differs from the one chained";
        if (Chain.Time(link.Timestamp) != Chain.Time(e.Timestamp)) return "the event's time differs from the one chained";
        // Erased text leaves the stored content different from what was chained, accounted for by the erasure record.
        var erased = erasures[(story, version)].Any(r => r.MaskedContentHash == e.ContentHash && r.OriginalContentHash == link.ContentHash);
        if (e.ContentHash != link.ContentHash && !erased) return "the event's content differs from the content chained";
        if (Chain.LinkHash(link.PreviousHash, e.Type, version, e.Timestamp, link.ContentHash) != link.Hash) return "the link's hash is wrong";
        var previous = version == 1 ? Chain.Genesis : previousLink?.Hash;
        // With the previous link gone, that version is named already; this one's link still checks on its own.
        if (previous is not null && link.PreviousHash != previous) return "the link does not follow the previous version's link";
        return null;
    }

    /// <summary>
    /// Stories whose links were rewritten consistently (every link matching its event) differ from the heads the
    /// checkpoints signed: named at the earliest signed head that no longer matches, unless a break at or before
    /// it is named already.
    /// </summary>
    private static IEnumerable<BrokenLink> RewrittenChains(List<IntegrityCheckpoint> trusted, Dictionary<Guid, Dictionary<long, ChainLink>> links, List<BrokenLink> broken)
    {
        var differing = trusted
            .SelectMany(c => c.Heads.Select(h => (Checkpoint: c, Head: h)))
            .Where(x => links.GetValueOrDefault(x.Head.StoryId)?.GetValueOrDefault(x.Head.Version) is { } link && link.Hash != x.Head.Hash)
            .GroupBy(x => x.Head.StoryId, x => x)
            .Select(g => g.OrderBy(x => x.Head.Version).First());
        foreach (var (checkpoint, head) in differing)
        {
            if (broken.Any(b => b.StoryId == head.StoryId && b.Version <= head.Version)) continue;
            yield return new BrokenLink(head.StoryId, head.Version,
                $"the chain up to this version is not the one checkpoint {checkpoint.Id} signed at {Chain.Time(checkpoint.At)}: an event at or before it was rewritten together with its links");
        }
    }

    private static async Task<Dictionary<Guid, (string? Type, long Version)>> StreamsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string schema,
        CancellationToken cancellation)
    {
        await using var command = new NpgsqlCommand($"select id, type, version from {schema}.mt_streams", connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        var streams = new Dictionary<Guid, (string?, long)>();
        while (await reader.ReadAsync(cancellation))
            streams[reader.GetGuid(0)] = (reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? 0 : reader.GetInt64(2));
        return streams;
    }

    /// <summary>Every stored event, stream by stream and version by version, with the hash of its content as stored.</summary>
    private static async Task<Dictionary<Guid, Dictionary<long, StoredEvent>>> EventsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        string schema, CancellationToken cancellation)
    {
        await using var command = new NpgsqlCommand(
            $"select stream_id, version, type, timestamp, data::text from {schema}.mt_events order by stream_id, version", connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        var events = new Dictionary<Guid, Dictionary<long, StoredEvent>>();
        while (await reader.ReadAsync(cancellation))
        {
            var stream = reader.GetGuid(0);
            if (!events.TryGetValue(stream, out var versions)) events[stream] = versions = [];
            // (stream_id, version) is unique in Marten's table, so each version has one event.
            versions[reader.GetInt64(1)] = new StoredEvent(reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3), Chain.ContentHash(reader.GetString(4)));
        }
        return events;
    }
}
