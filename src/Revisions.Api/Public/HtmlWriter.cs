using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace Revisions.Api.Public;

/// <summary>
/// Builds reader pages. Markup we write goes through <see cref="Raw"/>; everything that comes from a story
/// (or a URL) goes through <see cref="Text"/>/<see cref="Attr"/> and is HTML-encoded, so no story text can
/// ever become markup or script.
/// </summary>
public sealed class HtmlWriter
{
    // Letters of every script stay readable; <, >, &, quotes and the like are always encoded.
    public static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private readonly StringBuilder _html = new(8 * 1024);

    public HtmlWriter Raw(string markup) { _html.Append(markup); return this; }

    public HtmlWriter Text(string? text)
    {
        if (!string.IsNullOrEmpty(text)) _html.Append(Encoder.Encode(text));
        return this;
    }

    public HtmlWriter Attr(string? value) => Text(value);

    public HtmlWriter Number(int n) => Raw(n.ToString(CultureInfo.InvariantCulture));

    /// <summary>A machine-readable instant with a readable UTC label.</summary>
    public HtmlWriter Time(DateTimeOffset at) =>
        Raw("<time datetime=\"").Attr(at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)).Raw("\">")
            .Text(at.UtcDateTime.ToString("d MMMM yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture)).Raw("</time>");

    public override string ToString() => _html.ToString();
}
