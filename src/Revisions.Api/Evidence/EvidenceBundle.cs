using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Marten;
using Npgsql;
using Revisions.Evidence;

namespace Revisions.Api.Evidence;

/// <summary>
/// Builds the zip a lawyer takes away: the story as the public saw it at an instant (JSON and page), every
/// event up to then exactly as stored, the hash chain, the covering signed checkpoint with the story's Merkle
/// proof, the public key and a README, listed with every claim the bundle makes in a manifest signed with the
/// key that signs checkpoints. <c>revisions verify</c> checks it with nothing but the zip.
/// </summary>
public static class EvidenceBundle
{
    public static async Task<byte[]> BuildAsync(Guid storyId, string slug, DateTimeOffset asOf, LiveSpan span, long lastVersion,
        IntegrityCheckpoint checkpoint, Head head, SigningKey key, IQuerySession session, TimeProvider clock, CancellationToken cancellation)
    {
        var events = await ReadEventsAsync(session, storyId, lastVersion, cancellation);
        var erased = (await session.Query<ErasureRecord>().Where(e => e.StoryId == storyId).ToListAsync(cancellation))
            .ToDictionary(e => e.Version, e => e.MaskedContentHash); // the latest erasure of an event wins
        var links = (await session.Query<ChainLink>().Where(l => l.StoryId == storyId && l.Version <= head.Version)
                .OrderBy(l => l.Version).ToListAsync(cancellation))
            .Select(l => new BundleLink(l.Version, l.Type, l.Timestamp, l.ContentHash, l.Hash, erased.GetValueOrDefault(l.Version))).ToList();
        var publish = events.Single(e => e.Version == span.Publish.Version);
        var story = new PublishedAt(storyId, slug, asOf, span.Publish.Version, span.ContentVersion,
            span.From, span.Until, publish.Data.GetProperty("content"));
        var ordered = checkpoint.Heads.ToList();
        var proof = Merkle.Proof(ordered, ordered.FindIndex(h => h.StoryId == storyId));

        var files = new Dictionary<string, byte[]>
        {
            [Bundle.Story] = Json(story),
            [Bundle.StoryHtml] = Encoding.UTF8.GetBytes(EvidenceHtml.Render(story)),
            [Bundle.Events] = Json(events),
            [Bundle.ChainFile] = Json(links),
            [Bundle.Checkpoint] = Json(new BundleCheckpoint(checkpoint.Signed, head, proof)),
            [Bundle.PublicKey] = Encoding.UTF8.GetBytes(checkpoint.PublicKeyPem.Trim() + "\n"),
            [Bundle.Readme] = Encoding.UTF8.GetBytes(EvidenceReadme.Text(story, checkpoint.Signed))
        };
        var manifest = new BundleManifest(storyId, slug, asOf, clock.GetUtcNow(),
            files.ToDictionary(f => f.Key, f => BundleVerifier.Sha256(f.Value)))
        {
            Format = Bundle.SignedFormat, PublishVersion = story.PublishVersion, ContentVersion = story.ContentVersion,
            LiveFrom = story.LiveFrom, LiveUntil = story.LiveUntil, LastVersion = lastVersion,
            Checkpoint = new CheckpointClaim(checkpoint.Id, checkpoint.At, checkpoint.Root, head)
        };
        files[Bundle.Manifest] = Json(manifest);
        files[Bundle.Signature] = ManifestSignature.Sign(files[Bundle.Manifest], key.Key);

        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes) in files.OrderBy(f => f.Key, StringComparer.Ordinal))
            {
                var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
                await using var stream = entry.Open();
                await stream.WriteAsync(bytes, cancellation);
            }
        }
        return buffer.ToArray();
    }

    private static byte[] Json<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Bundle.Json);

    /// <summary>The events as stored, data as the database holds it, so their content hashes can be recomputed.</summary>
    private static async Task<List<BundleEvent>> ReadEventsAsync(IQuerySession session, Guid storyId, long lastVersion, CancellationToken cancellation)
    {
        var schema = session.DocumentStore.Options.Events.DatabaseSchemaName;
        await using var connection = session.DocumentStore.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellation);
        await using var command = new NpgsqlCommand(
            $"select seq_id, version, type, timestamp, data::text from {schema}.mt_events where stream_id = @id and version <= @last order by version", connection);
        command.Parameters.AddWithValue("id", storyId);
        command.Parameters.AddWithValue("last", lastVersion);
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        var events = new List<BundleEvent>();
        while (await reader.ReadAsync(cancellation))
        {
            using var data = JsonDocument.Parse(reader.GetString(4));
            events.Add(new BundleEvent(reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2),
                reader.GetFieldValue<DateTimeOffset>(3), data.RootElement.Clone()));
        }
        return events;
    }
}
