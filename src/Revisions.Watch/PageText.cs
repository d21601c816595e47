using System.Text;
using System.Text.RegularExpressions;

namespace Revisions.Watch;

/// <summary>The text of a served page: decoded by the charset its Content-Type names, else its own meta tag, else UTF-8.</summary>
public static partial class PageText
{
    static PageText() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static string Decode(byte[] body, string? contentType)
    {
        var charset = Charset().Match(contentType ?? "") is { Success: true } header ? header.Groups[1].Value
            : Charset().Match(Encoding.ASCII.GetString(body, 0, Math.Min(body.Length, 2048))) is { Success: true } meta ? meta.Groups[1].Value
            : null;
        var encoding = Encoding.UTF8;
        if (charset is not null)
        {
            try { encoding = Encoding.GetEncoding(charset.Trim('"', '\'')); }
            catch (ArgumentException) { }
        }
        var text = encoding.GetString(body);
        return text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
    }

    [GeneratedRegex(@"charset\s*=\s*[""']?([\w\-:.]+)", RegexOptions.IgnoreCase)]
    private static partial Regex Charset();
}
