using System.Globalization;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using Revisions.Domain.Stories;

namespace Revisions.Import;

/// <summary>
/// One state of a story as it was captured: its content, when it was captured (if known) and where in the
/// input it came from (<paramref name="SourceName"/>, 1-based <paramref name="SourceLine"/> of its first line).
/// </summary>
public sealed record Snapshot(StoryContent Content, DateTimeOffset? CapturedAt, string SourceName, int SourceLine)
{
    /// <summary>
    /// SHA-256 (lower-case hex) of the canonical JSON of the content and capture time. Where the snapshot came
    /// from is deliberately left out, so re-importing the same capture from a renamed or merged file is still
    /// recognised as the same snapshot. See <see cref="CanonicalJson"/> for the exact bytes hashed.
    /// </summary>
    public string Fingerprint => Convert.ToHexStringLower(SHA256.HashData(CanonicalJson(Content, CapturedAt)));

    /// <summary>
    /// The bytes behind <see cref="Fingerprint"/>: a compact UTF-8 JSON object with the properties
    /// headline, shortHeadline, standfirst, byline, body (array of {type, text}) and capturedAt, always in
    /// that order, absent values written as null, the time in UTC as yyyy-MM-ddTHH:mm:ss.fffffffZ and no
    /// character escaping beyond what JSON requires. Content is normalised first (trimmed, blanks absent) so
    /// that whitespace noise does not make a different fingerprint.
    /// </summary>
    public static byte[] CanonicalJson(StoryContent content, DateTimeOffset? capturedAt)
    {
        var c = content.Normalised();
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString(StoryContent.Fields.Headline, c.Headline);
            w.WriteString(StoryContent.Fields.ShortHeadline, c.ShortHeadline);
            w.WriteString(StoryContent.Fields.Standfirst, c.Standfirst);
            w.WriteString(StoryContent.Fields.Byline, c.Byline);
            w.WriteStartArray(StoryContent.Fields.Body);
            foreach (var block in c.Body)
            {
                w.WriteStartObject();
                w.WriteString("type", BlockTypes.Name(block.Type));
                w.WriteString("text", block.Text);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            if (capturedAt is { } at)
                w.WriteString("capturedAt", at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
            else
                w.WriteNull("capturedAt");
            w.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
