using System.Text;

namespace Revisions.Import;

/// <summary>A decoded line of input; <see cref="Number"/> is 1-based.</summary>
internal readonly record struct SourceLine(int Number, string Text)
{
    public bool IsBlank => string.IsNullOrWhiteSpace(Text);
}

/// <summary>
/// Splits a stream into lines while it is read, working on bytes so that size limits, NUL bytes and invalid
/// UTF-8 are caught per line (and named by line) before any oversized string is built.
/// </summary>
internal static class LineReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static List<SourceLine> Read(string file, Stream stream, ImportOptions options)
    {
        var lines = new List<SourceLine>();
        var current = new MemoryStream();
        var buffer = new byte[64 * 1024];
        long total = 0;
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            total += read;
            if (total > options.MaxFileBytes)
                throw new ImportException(file, null, $"The file is larger than {options.MaxFileBytes:N0} bytes.");

            var span = buffer.AsSpan(0, read);
            while (true)
            {
                var newline = span.IndexOf((byte)'\n');
                var part = newline < 0 ? span : span[..newline];
                var lineNumber = lines.Count + 1;
                if (part.IndexOf((byte)0) >= 0)
                    throw new ImportException(file, lineNumber, "The line contains a NUL byte; this looks like a binary file, not text or JSON.");
                if (current.Length + part.Length > options.MaxLineBytes)
                    throw new ImportException(file, lineNumber, $"The line is longer than {options.MaxLineBytes:N0} bytes.");
                current.Write(part);
                if (newline < 0) break;
                lines.Add(Decode(file, lineNumber, current));
                span = span[(newline + 1)..];
            }
        }
        if (current.Length > 0) lines.Add(Decode(file, lines.Count + 1, current));

        if (lines.All(l => l.IsBlank))
            throw new ImportException(file, null, "The file is empty.");
        return lines;
    }

    private static SourceLine Decode(string file, int number, MemoryStream bytes)
    {
        var span = bytes.GetBuffer().AsSpan(0, (int)bytes.Length);
        // A byte-order mark is an encoding signature, not text; editors on Windows add it to the first line.
        if (number == 1 && span.StartsWith("\uFEFF"u8)) span = span[3..];
        // CRLF files end each line with CR; drop it so texts are identical whichever platform exported them.
        if (span.EndsWith("\r"u8)) span = span[..^1];
        string text;
        try
        {
            text = StrictUtf8.GetString(span);
        }
        catch (DecoderFallbackException e)
        {
            var at = e.Index >= 0 ? $" at byte {e.Index + 1}" : "";
            throw new ImportException(file, number, $"The line is not valid UTF-8{at}; save the file as UTF-8 and import it again.");
        }
        bytes.SetLength(0);
        return new SourceLine(number, text);
    }
}
