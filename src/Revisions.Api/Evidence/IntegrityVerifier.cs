using Marten;
using Npgsql;
using Revisions.Evidence;

namespace Revisions.Api.Evidence;

public sealed record BrokenLink(Guid StoryId, long Version, string Reason);

public sealed record CheckpointCheck(Guid Id, DateTimeOffset At, bool SignatureValid, bool RootMatches);

public sealed record IntegrityReport(bool Ok, long Events, int Stories, BrokenLink? FirstBroken, IReadOnlyList<CheckpointCheck> Checkpoints);

/// <summary>
/// Re-checks everything from the stored events: each event's content hash and chain link, story by story,
/// and each signed checkpoint's signature and Merkle root against the links it covered. Names the first
/// broken story and version.
/// </summary>
public static class IntegrityVerifier
{
    public static async Task<IntegrityReport> VerifyAsync(IDocumentStore store, CancellationToken cancellation)
    {
        await using var session = store.QuerySession();
        var links = (await session.Query<ChainLink>().ToListAsync(cancellation))
            .ToDictionary(l => (l.StoryId, l.Version));
        var erasures = (await session.Query<ErasureRecord>().ToListAsync(cancellation))
            .ToLookup(e => (e.StoryId, e.Version));
        var schema = store.Options.Events.DatabaseSchemaName;

        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellation);
        await using var command = new NpgsqlCommand(
            $"select stream_id, version, type, timestamp, data::text from {schema}.mt_events order by stream_id, version", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellation);

        long events = 0;
        var stories = new HashSet<Guid>();
        BrokenLink? broken = null;
        Guid current = Guid.Empty;
        var previous = Chain.Genesis;
        long expected = 1;
        while (await reader.ReadAsync(cancellation))
        {
            events++;
            var storyId = reader.GetGuid(0);
            var version = reader.GetInt64(1);
            if (storyId != current)
            {
                current = storyId;
                previous = Chain.Genesis;
                expected = 1;
                stories.Add(storyId);
            }
            if (broken is not null && broken.StoryId == storyId) continue;

            var reason = Check(links, erasures, storyId, version, expected, reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3), reader.GetString(4), previous, out var hash);
            if (reason is not null)
            {
                broken ??= new BrokenLink(storyId, version, reason);
                continue;
            }
            previous = hash!;
            expected = version + 1;
        }

        var checkpoints = (await session.Query<IntegrityCheckpoint>().OrderBy(c => c.At).ToListAsync(cancellation))
            .Select(c => new CheckpointCheck(c.Id, c.At, c.Signed.VerifySignature(),
                Merkle.Root(Merkle.Order(c.Heads.Select(h => links.TryGetValue((h.StoryId, h.Version), out var l) ? h with { Hash = l.Hash } : h with { Hash = "" })))
                == c.Root && Merkle.Root(Merkle.Order(c.Heads)) == c.Root))
            .ToList();
        var ok = broken is null && checkpoints.All(c => c.SignatureValid && c.RootMatches);
        return new IntegrityReport(ok, events, stories.Count, broken, checkpoints);
    }

    private static string? Check(Dictionary<(Guid, long), ChainLink> links, ILookup<(Guid, long), ErasureRecord> erasures, Guid storyId, long version, long expected,
        string type, DateTimeOffset timestamp, string data, string previous, out string? hash)
    {
        hash = null;
        if (version != expected) return $"version {expected} is missing from the stream";
        if (!links.TryGetValue((storyId, version), out var link)) return "the event has no chain link";
        if (link.Type != type) return "the event's type differs from the one chained";
        if (Chain.Time(link.Timestamp) != Chain.Time(timestamp)) return "the event's time differs from the one chained";
        var contentHash = Chain.ContentHash(data);
        // Erased text leaves the stored content different from what was chained, accounted for by the erasure record.
        var erased = erasures[(storyId, version)].Any(e => e.MaskedContentHash == contentHash && e.OriginalContentHash == link.ContentHash);
        if (contentHash != link.ContentHash && !erased) return "the event's content differs from the content chained";
        if (link.PreviousHash != previous) return "the link does not follow the previous link";
        hash = Chain.LinkHash(previous, type, version, timestamp, link.ContentHash);
        return hash == link.Hash ? null : "the link's hash is wrong";
    }
}
