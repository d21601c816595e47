using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Revisions.Watch;

/// <summary>
/// One HTTP response as it was served: where and when it was fetched, its status line, headers and body (after
/// any Content-Encoding was undone). Kept as a WARC/1.1 <c>response</c> record (ISO 28500, the format web
/// archives use), so the raw captures in an evidence bundle open in any WARC tool, not only in Revisions.
/// </summary>
public sealed record HttpCapture(Uri Url, DateTimeOffset FetchedAt, int Status, string Reason, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body)
{
    private static readonly byte[] CrLf = "\r\n"u8.ToArray();

    /// <summary>A WARC field that records an erasure by legal order made in the body after it was captured.</summary>
    public const string ErasureField = "WARC-Revisions-Erasure";

    /// <summary>Erasures made in the body since the capture, as recorded in the WARC header.</summary>
    public IReadOnlyList<string> Erasures { get; init; } = [];

    public Guid RecordId { get; init; } = Guid.CreateVersion7();

    /// <summary>The WARC record's bytes, uncompressed: what the story's chain names by its SHA-256.</summary>
    public byte[] ToWarc()
    {
        var http = new StringBuilder();
        http.Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {Status} {Reason}\r\n");
        foreach (var (name, value) in Headers) http.Append(name).Append(": ").Append(OneLine(value)).Append("\r\n");
        http.Append("\r\n");
        var head = Encoding.UTF8.GetBytes(http.ToString());

        var warc = new StringBuilder();
        warc.Append("WARC/1.1\r\n");
        warc.Append("WARC-Type: response\r\n");
        warc.Append(CultureInfo.InvariantCulture, $"WARC-Record-ID: <urn:uuid:{RecordId}>\r\n");
        warc.Append(CultureInfo.InvariantCulture, $"WARC-Date: {FetchedAt.UtcDateTime:yyyy-MM-ddTHH:mm:ss.ffffffZ}\r\n");
        warc.Append("WARC-Target-URI: ").Append(Url.AbsoluteUri).Append("\r\n");
        foreach (var erasure in Erasures) warc.Append(ErasureField).Append(": ").Append(OneLine(erasure)).Append("\r\n");
        warc.Append("Content-Type: application/http;msgtype=response\r\n");
        warc.Append(CultureInfo.InvariantCulture, $"Content-Length: {head.Length + Body.Length}\r\n");
        warc.Append("\r\n");

        using var bytes = new MemoryStream();
        bytes.Write(Encoding.UTF8.GetBytes(warc.ToString()));
        bytes.Write(head);
        bytes.Write(Body);
        bytes.Write(CrLf);
        bytes.Write(CrLf);
        return bytes.ToArray();
    }

    /// <summary>Reads back a record written by <see cref="ToWarc"/>.</summary>
    /// <exception cref="InvalidDataException">The bytes are not such a record.</exception>
    public static HttpCapture FromWarc(byte[] warc)
    {
        var headerEnd = IndexOf(warc, "\r\n\r\n"u8, 0);
        if (headerEnd < 0 || !warc.AsSpan().StartsWith("WARC/1.1\r\n"u8)) throw new InvalidDataException("Not a WARC/1.1 record.");
        var fields = Fields(Encoding.UTF8.GetString(warc, 0, headerEnd).Split("\r\n").Skip(1));
        var length = int.Parse(Field(fields, "Content-Length"), CultureInfo.InvariantCulture);
        var blockStart = headerEnd + 4;
        var httpEnd = IndexOf(warc, "\r\n\r\n"u8, blockStart);
        if (httpEnd < 0 || blockStart + length > warc.Length) throw new InvalidDataException("The WARC record's HTTP message is cut short.");
        var httpLines = Encoding.UTF8.GetString(warc, blockStart, httpEnd - blockStart).Split("\r\n");
        var status = httpLines[0].Split(' ', 3);
        var body = warc.AsSpan(httpEnd + 4, blockStart + length - (httpEnd + 4)).ToArray();
        var id = Field(fields, "WARC-Record-ID").Trim('<', '>');
        return new HttpCapture(new Uri(Field(fields, "WARC-Target-URI")),
            DateTimeOffset.Parse(Field(fields, "WARC-Date"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
            int.Parse(status[1], CultureInfo.InvariantCulture), status.Length > 2 ? status[2] : "", Fields(httpLines.Skip(1)), body)
        {
            RecordId = Guid.Parse(id["urn:uuid:".Length..]),
            Erasures = fields.Where(f => f.Key == ErasureField).Select(f => f.Value).ToList()
        };
    }

    /// <summary>gzip, as <c>.warc.gz</c> files are (one member per record).</summary>
    public static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true)) gzip.Write(bytes);
        return output.ToArray();
    }

    /// <summary>Undoes <see cref="Gzip"/>, refusing anything that unpacks to more than <paramref name="max"/> bytes.</summary>
    public static byte[] Gunzip(byte[] bytes, long max = 256L * 1024 * 1024)
    {
        using var input = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
        using var output = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = input.Read(buffer)) > 0)
        {
            if (output.Length + read > max) throw new InvalidDataException($"The record unpacks to more than {max} bytes.");
            output.Write(buffer, 0, read);
        }
        return output.ToArray();
    }

    private static List<KeyValuePair<string, string>> Fields(IEnumerable<string> lines) =>
        lines.Where(l => l.Contains(':'))
            .Select(l => new KeyValuePair<string, string>(l[..l.IndexOf(':')].Trim(), l[(l.IndexOf(':') + 1)..].Trim()))
            .ToList();

    private static string Field(List<KeyValuePair<string, string>> fields, string name) =>
        fields.FirstOrDefault(f => string.Equals(f.Key, name, StringComparison.OrdinalIgnoreCase)).Value
        ?? throw new InvalidDataException($"The WARC record has no {name}.");

    // A header value served with a line break would break the record's structure; it is kept on one line.
    private static string OneLine(string value) => value.Replace("\r", " ").Replace("\n", " ");

    private static int IndexOf(byte[] bytes, ReadOnlySpan<byte> what, int from)
    {
        var found = bytes.AsSpan(from).IndexOf(what);
        return found < 0 ? -1 : from + found;
    }
}
