using System.Globalization;
using System.Text;

namespace Revisions.Api.Public;

/// <summary>
/// Memento (RFC 7089), pattern 2.1: the story page is the Original Resource, a separate TimeGate at
/// <c>/stories/{slug}/timegate</c> answers Accept-Datetime with a 302 to a permalink, and each permalink is a
/// Memento. Pattern 2.1 is what archive clients (browser extensions, MementoWeb tools) already follow: they
/// read rel="timegate" from the original's Link header and negotiate there, so the story page itself never
/// varies by datetime and stays cacheable as it is. Datetimes are RFC 1123, to the second.
/// </summary>
public static class Mementos
{
    public const string AcceptDatetime = "Accept-Datetime";
    public const string MementoDatetime = "Memento-Datetime";
    public const string LinkFormat = "application/link-format";

    public static string TimeGateUrl(string slug) => $"{ReaderPage.StoryUrl(slug)}/timegate";
    public static string TimeMapUrl(string slug) => $"{ReaderPage.StoryUrl(slug)}/timemap";

    public static string Format(DateTimeOffset at) => at.UtcDateTime.ToString("r", CultureInfo.InvariantCulture);

    public static bool TryParse(string text, out DateTimeOffset at) =>
        DateTimeOffset.TryParseExact(text.Trim(), "r", CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out at);

    /// <summary>A memento's datetime as the TimeMap states it: its publish instant, to the second.</summary>
    public static DateTimeOffset DatetimeOf(PublicUpdate update) =>
        new(update.At.UtcTicks - update.At.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);

    /// <summary>
    /// The memento for <paramref name="at"/>: the last publish at or before it, compared to the second as
    /// the TimeMap states datetimes (so asking for a datetime read from the TimeMap gets that memento);
    /// before the first publish, the first one (RFC 7089 section 4.5.3).
    /// </summary>
    public static PublicUpdate Select(PublicStory story, DateTimeOffset at) =>
        story.Updates.LastOrDefault(u => DatetimeOf(u) <= at) ?? story.Updates[0];

    /// <summary>The original resource points archive clients to its TimeGate and TimeMap.</summary>
    public static void AdvertiseOnOriginal(HttpContext context, string slug)
    {
        var origin = Origin(context);
        context.Response.Headers.Link = string.Join(", ",
            Link(origin + TimeGateUrl(slug), "timegate"),
            Link(origin + TimeMapUrl(slug), "timemap", ("type", LinkFormat)));
    }

    /// <summary>The Link header of a TimeGate answer or a Memento: original, TimeGate, TimeMap, first and last memento.</summary>
    public static string Links(HttpContext context, string slug, PublicStory story)
    {
        var origin = Origin(context);
        var first = story.Updates[0];
        var last = story.Latest;
        var links = new List<string>
        {
            Link(origin + ReaderPage.StoryUrl(slug), "original"),
            Link(origin + TimeGateUrl(slug), "timegate"),
            Link(origin + TimeMapUrl(slug), "timemap", ("type", LinkFormat))
        };
        if (first == last) links.Add(MementoLink(origin, slug, first, "first last memento"));
        else links.AddRange([MementoLink(origin, slug, first, "first memento"), MementoLink(origin, slug, last, "last memento")]);
        return string.Join(", ", links);
    }

    /// <summary>The TimeMap (RFC 7089 section 5.1.1) in link-format (RFC 6690): every published update.</summary>
    public static string TimeMap(HttpContext context, string slug, PublicStory story)
    {
        var origin = Origin(context);
        var lines = new List<string>
        {
            Link(origin + ReaderPage.StoryUrl(slug), "original"),
            Link(origin + TimeMapUrl(slug), "self", ("type", LinkFormat),
                ("from", Format(DatetimeOf(story.Updates[0]))), ("until", Format(DatetimeOf(story.Latest)))),
            Link(origin + TimeGateUrl(slug), "timegate")
        };
        for (var i = 0; i < story.Updates.Count; i++)
        {
            var rel = story.Updates.Count == 1 ? "first last memento"
                : i == 0 ? "first memento"
                : i == story.Updates.Count - 1 ? "last memento"
                : "memento";
            lines.Add(MementoLink(origin, slug, story.Updates[i], rel));
        }
        return string.Join(",\n", lines) + "\n";
    }

    private static string MementoLink(string origin, string slug, PublicUpdate update, string rel) =>
        Link(origin + ReaderPage.VersionUrl(slug, update.Version), rel, ("datetime", Format(DatetimeOf(update))));

    private static string Link(string uri, string rel, params (string Name, string Value)[] parameters)
    {
        var link = new StringBuilder().Append('<').Append(uri).Append(">; rel=\"").Append(rel).Append('"');
        foreach (var (name, value) in parameters) link.Append("; ").Append(name).Append("=\"").Append(value).Append('"');
        return link.ToString();
    }

    /// <summary>Memento links are absolute URIs, as RFC 7089's examples and clients expect.</summary>
    private static string Origin(HttpContext context) => $"{context.Request.Scheme}://{context.Request.Host}";
}
