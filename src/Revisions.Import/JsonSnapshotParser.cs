using System.Text;
using System.Text.Json;
using Revisions.Domain.Stories;

namespace Revisions.Import;

/// <summary>
/// Reads JSON input: one story object, an array of them, or JSON lines (one object per line, usually
/// timestamped captures). Story objects have the API's shape; see README.md.
/// </summary>
internal static class JsonSnapshotParser
{
    private static readonly JsonReaderOptions ReaderOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };
    private static readonly JsonDocumentOptions DocumentOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    public static bool LooksLikeJson(IReadOnlyList<SourceLine> lines)
    {
        var first = lines.First(l => !l.IsBlank).Text.TrimStart();
        return first.StartsWith('{') || first.StartsWith('[');
    }

    public static List<Draft> Parse(string file, IReadOnlyList<SourceLine> lines)
    {
        var nonBlank = lines.Where(l => !l.IsBlank).ToList();
        // JSON lines: the first line is a whole object on its own and more lines follow. A pretty-printed
        // object never parses from its first line alone, so the two cannot be confused.
        if (nonBlank.Count > 1 && nonBlank[0].Text.TrimStart().StartsWith('{') && IsWholeValue(nonBlank[0].Text))
            return nonBlank.Select(line => ParseLine(file, line)).ToList();
        return ParseDocument(file, lines);
    }

    private static bool IsWholeValue(string text)
    {
        try
        {
            using var _ = JsonDocument.Parse(text, DocumentOptions);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static Draft ParseLine(string file, SourceLine line)
    {
        try
        {
            using var doc = JsonDocument.Parse(line.Text, DocumentOptions);
            return JsonStoryMapper.Map(file, line.Number, doc.RootElement);
        }
        catch (JsonException e)
        {
            throw new ImportException(file, line.Number, $"The line is not valid JSON: {Reason(e)} (one snapshot object per line is expected).");
        }
    }

    private static List<Draft> ParseDocument(string file, IReadOnlyList<SourceLine> lines)
    {
        var bytes = Encoding.UTF8.GetBytes(string.Join('\n', lines.Select(l => l.Text)));
        var lineOf = new LineCounter(bytes);
        var drafts = new List<Draft>();
        var reader = new Utf8JsonReader(bytes, ReaderOptions);
        try
        {
            reader.Read();
            if (reader.TokenType == JsonTokenType.StartArray)
            {
                var arrayLine = lineOf.At(reader.TokenStartIndex);
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    var line = lineOf.At(reader.TokenStartIndex);
                    using var element = JsonDocument.ParseValue(ref reader);
                    drafts.Add(JsonStoryMapper.Map(file, line, element.RootElement));
                }
                if (drafts.Count == 0)
                    throw new ImportException(file, arrayLine, "The JSON array is empty; there is nothing to import.");
            }
            else
            {
                var line = lineOf.At(reader.TokenStartIndex);
                using var element = JsonDocument.ParseValue(ref reader);
                drafts.Add(JsonStoryMapper.Map(file, line, element.RootElement));
            }
            if (reader.Read())
                throw new ImportException(file, lineOf.At(reader.TokenStartIndex),
                    "Unexpected JSON after the first value; put several snapshots in an array or one object per line (JSON lines).");
        }
        catch (JsonException e)
        {
            throw new ImportException(file, (int)(e.LineNumber ?? 0) + 1, $"The file is not valid JSON: {Reason(e)}");
        }
        return drafts;
    }

    // System.Text.Json appends its own "LineNumber: 0 | BytePositionInLine: 5." which is 0-based and would
    // contradict the 1-based line the error already names.
    private static string Reason(JsonException e)
    {
        var message = e.Message;
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut < 0) cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return (cut >= 0 ? message[..cut] : message).Trim();
    }

    /// <summary>Turns byte offsets into 1-based line numbers, counting forward from the last offset asked for.</summary>
    private sealed class LineCounter(byte[] bytes)
    {
        private long _offset;
        private int _line = 1;

        public int At(long offset)
        {
            if (offset < _offset) { _offset = 0; _line = 1; }
            _line += bytes.AsSpan((int)_offset, (int)(offset - _offset)).Count((byte)'\n');
            _offset = offset;
            return _line;
        }
    }
}
