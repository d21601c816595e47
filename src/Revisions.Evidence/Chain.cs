using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Revisions.Evidence;

/// <summary>
/// The per-story hash chain. Each event's link commits to the previous link, the event's type, version and
/// time, and a hash of its content; the content hash is separate so that text erased under a legal order can
/// leave its original hash behind and the chain still verifies.
/// </summary>
public static class Chain
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>SHA-256 (hex) of the event's content in canonical JSON.</summary>
    public static string ContentHash(string json) => Hex(SHA256.HashData(CanonicalJson.Canonicalize(json)));

    /// <summary>The same hash of the content given as UTF-8 JSON (as the event store writes it).</summary>
    public static string ContentHash(ReadOnlyMemory<byte> utf8Json)
    {
        using var document = System.Text.Json.JsonDocument.Parse(utf8Json, CanonicalJson.DocumentOptions);
        using var canonical = new PooledBuffer(utf8Json.Length + 256);
        CanonicalJson.Canonicalize(document.RootElement, canonical);
        return Hex(SHA256.HashData(canonical.WrittenSpan));
    }

    public static string LinkHash(string previous, string eventType, long version, DateTimeOffset timestamp, string contentHash) =>
        Hex(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n',
            "revisions-event-v1", previous, eventType, version.ToString(CultureInfo.InvariantCulture), Time(timestamp), contentHash))));

    /// <summary>Event times as PostgreSQL stores them: UTC, microseconds.</summary>
    public static string Time(DateTimeOffset timestamp)
    {
        var utc = timestamp.ToUniversalTime();
        return new DateTimeOffset(utc.UtcTicks - utc.UtcTicks % 10, TimeSpan.Zero).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
    }

    public static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);
}
