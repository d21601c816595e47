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
    /// <param name="watchedUrl">For a page published elsewhere and watched: its address. The span is then the capture
    /// standing at <paramref name="asOf"/>, and the raw responses the events name go in the bundle.</param>
    public static async Task<byte[]> BuildAsync(Guid storyId, string slug, DateTimeOffset asOf, LiveSpan span, long lastVersion,
        IntegrityCheckpoint checkpoint, Head head, SigningKey key, IQuerySession session, TimeProvider clock, CancellationToken cancellation,
        string? watchedUrl = null)
    {
        var events = await ReadEventsAsync(session, storyId, lastVersion, cancellation);
        var erased = (await session.Query<ErasureRecord>().Where(e => e.StoryId == storyId).ToListAsync(cancellation))
            // An event erased twice has a record per erasure; the latest (ids are time-ordered) holds the hash of its data now.
            .GroupBy(e => e.Version)
            .ToDictionary(g => g.Key, g => g.MaxBy(e => e.ErasureId.ToString("N"))!.MaskedContentHash);
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
            [Bundle.Readme] = Encoding.UTF8.GetBytes(EvidenceReadme.Text(story, checkpoint.Signed, watchedUrl))
        };
        if (watchedUrl is not null) await AddCapturesAsync(files, events, session, cancellation);
        var manifest = new BundleManifest(storyId, slug, asOf, clock.GetUtcNow(),
            files.ToDictionary(f => f.Key, f => BundleVerifier.Sha256(f.Value)))
        {
            Format = Bundle.SignedFormat, PublishVersion = story.PublishVersion, ContentVersion = story.ContentVersion,
            LiveFrom = story.LiveFrom, LiveUntil = story.LiveUntil, LastVersion = lastVersion,
            Checkpoint = new CheckpointClaim(checkpoint.Id, checkpoint.At, checkpoint.Root, head),
            WatchedUrl = watchedUrl
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

    /// <summary>The raw responses the events name, as stored (gzipped WARC records), and their list.</summary>
    private static async Task AddCapturesAsync(Dictionary<string, byte[]> files, List<BundleEvent> events, IQuerySession session,
        CancellationToken cancellation)
    {
        var named = events
            .Select(e => e.Data.TryGetProperty("capture", out var c) && c.ValueKind == JsonValueKind.Object
                         && c.TryGetProperty("recordSha256", out var h) && h.ValueKind == JsonValueKind.String ? h.GetString() : null)
            .OfType<string>().Distinct().ToArray();
        var captures = await session.LoadManyAsync<Watch.RawCapture>(cancellation, named);
        foreach (var capture in captures) files[Bundle.CaptureFile(capture.Id)] = capture.Record;
        files[Bundle.Captures] = Json(captures.OrderBy(c => c.FetchedAt)
            .Select(c => new BundleCapture(c.Id, Bundle.CaptureFile(c.Id), c.Url, c.Status, c.FetchedAt, c.ErasedSha256)).ToList());
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
