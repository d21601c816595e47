using System.Text.Json;
using System.Xml;
using System.Xml.Linq;

namespace Revisions.Watch;

/// <summary>One article a feed lists: the page it links to, and its title when the feed gives one.</summary>
public sealed record FeedEntry(Uri Url, string? Title);

/// <summary>A feed that could not be read, and why, in words for the desk.</summary>
public sealed class FeedException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Reads the articles an RSS 2.0, RSS 1.0 (RDF), Atom or JSON Feed document lists. XML is read without DTDs
/// or external entities (no XXE, no entity expansion bombs). Feeds in the wild are sloppy — a bad date, an
/// unknown element, a relative link — and only the links matter here, so this reader takes the links and
/// ignores the rest rather than refusing the whole feed over one bad date, as System.ServiceModel.Syndication does.
/// </summary>
public static class FeedReader
{
    private const string Atom = "http://www.w3.org/2005/Atom";

    /// <summary>
    /// The entries of the feed at <paramref name="feedUrl"/>, in the feed's order, each at most once, at most
    /// <paramref name="max"/>; only http and https links, relative ones resolved against the feed's address.
    /// </summary>
    /// <exception cref="FeedException">The document is not a feed Revisions can read.</exception>
    public static IReadOnlyList<FeedEntry> Read(Uri feedUrl, byte[] document, int max = 200)
    {
        var text = System.Text.Encoding.UTF8.GetString(document).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        var entries = text.StartsWith('{') ? ReadJson(document) : ReadXml(document);
        var seen = new HashSet<string>();
        var result = new List<FeedEntry>();
        foreach (var (link, title) in entries)
        {
            if (string.IsNullOrWhiteSpace(link) || !Uri.TryCreate(feedUrl, link.Trim(), out var url)) continue;
            if (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps) continue;
            var page = new UriBuilder(url) { Fragment = "" }.Uri;
            if (!seen.Add(page.AbsoluteUri)) continue;
            result.Add(new FeedEntry(page, string.IsNullOrWhiteSpace(title) ? null : title.Trim()));
            if (result.Count == max) break;
        }
        return result;
    }

    private static IEnumerable<(string? Link, string? Title)> ReadXml(byte[] document)
    {
        XDocument xml;
        try
        {
            var settings = new XmlReaderSettings
            {
                DtdProcessing = DtdProcessing.Ignore, XmlResolver = null, MaxCharactersFromEntities = 0,
                MaxCharactersInDocument = 64L * 1024 * 1024
            };
            using var reader = XmlReader.Create(new MemoryStream(document), settings);
            xml = XDocument.Load(reader);
        }
        catch (XmlException e)
        {
            throw new FeedException($"The feed is not well-formed XML: {e.Message}", e);
        }
        var root = xml.Root!;
        switch (root.Name.LocalName)
        {
            case "rss":
                return root.Elements("channel").Elements("item").Select(item => (RssLink(item), (string?)item.Element("title")));
            case "RDF":
                return root.Elements().Where(e => e.Name.LocalName == "item")
                    .Select(item => ((string?)item.Elements().FirstOrDefault(e => e.Name.LocalName == "link"),
                        (string?)item.Elements().FirstOrDefault(e => e.Name.LocalName == "title")));
            case "feed" when root.Name.NamespaceName == Atom:
                return root.Elements(XName.Get("entry", Atom)).Select(entry => (AtomLink(entry), (string?)entry.Element(XName.Get("title", Atom))));
            default:
                throw new FeedException($"The document is XML but not a feed (its root is <{root.Name.LocalName}>, not <rss>, <rdf:RDF> or an Atom <feed>).");
        }
    }

    /// <summary>An item's link, or its guid when that is a permalink (RSS 2.0 makes it one unless it says otherwise).</summary>
    private static string? RssLink(XElement item)
    {
        var link = (string?)item.Element("link");
        if (!string.IsNullOrWhiteSpace(link)) return link;
        var guid = item.Element("guid");
        return guid is not null && !string.Equals((string?)guid.Attribute("isPermaLink"), "false", StringComparison.OrdinalIgnoreCase)
            ? (string)guid
            : null;
    }

    private static string? AtomLink(XElement entry)
    {
        var links = entry.Elements(XName.Get("link", Atom)).ToList();
        var alternate = links.FirstOrDefault(l => (string?)l.Attribute("rel") is null or "alternate");
        return (string?)alternate?.Attribute("href");
    }

    private static IEnumerable<(string? Link, string? Title)> ReadJson(byte[] document)
    {
        try
        {
            using var json = JsonDocument.Parse(document, new JsonDocumentOptions { MaxDepth = 32 });
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("version", out var version)
                || version.ValueKind != JsonValueKind.String || !version.GetString()!.StartsWith("https://jsonfeed.org/version/", StringComparison.Ordinal))
                throw new FeedException("The document is JSON but not a JSON Feed (it has no \"version\" naming jsonfeed.org).");
            if (!root.TryGetProperty("items", out var items) || items.ValueKind != JsonValueKind.Array)
                throw new FeedException("The JSON Feed has no \"items\" list.");
            return items.EnumerateArray()
                .Where(i => i.ValueKind == JsonValueKind.Object)
                .Select(i => (Str(i, "url") ?? Str(i, "external_url"), Str(i, "title")))
                .ToList();
        }
        catch (JsonException e)
        {
            throw new FeedException($"The feed is not valid JSON: {e.Message}", e);
        }
    }

    private static string? Str(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
