using System.Globalization;
using System.Text;
using System.Xml;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Revisions.Domain.Stories;
using Wolverine.Http;

namespace Revisions.Api.Public;

public static class GetSitemapEndpoint
{
    /// <summary>The protocol's limit of URLs in one sitemap (sitemaps.org).</summary>
    public const int MaxUrls = 50_000;

    private const string Namespace = "http://www.sitemaps.org/schemas/sitemap/0.9";

    private sealed record Entry(string Slug, DateTimeOffset? PublishedAt);

    /// <summary>
    /// The sitemap of every published story page with the time of its latest update, for crawlers. Beyond
    /// 50,000 stories it is a sitemap index whose parts are <c>/sitemap.xml?page=N</c>.
    /// </summary>
    [WolverineGet("/sitemap.xml", OperationId = "ReadSitemap")]
    [Tags("Reader pages"), AllowAnonymous, ExcludeFromDescription]
    public static async Task<IResult> Get(string? page, HttpContext context, IQuerySession session, CancellationToken cancellation)
    {
        var site = $"{context.Request.Scheme}://{context.Request.Host}";
        var live = session.Query<PublishedStory>().Where(s => s.IsLive);
        if (page is null)
        {
            var count = await live.CountAsync(cancellation);
            if (count > MaxUrls) return Xml(context, Index(site, (count + MaxUrls - 1) / MaxUrls));
        }
        if (StoryIndex.PageNumber(page) is not { } number) return TypedResults.NotFound();

        var entries = await live.OrderByDescending(s => s.PublishedAt).ThenBy(s => s.Slug)
            .Skip((number - 1) * MaxUrls).Take(MaxUrls)
            .Select(s => new Entry(s.Slug, s.PublishedAt))
            .ToListAsync(cancellation);
        if (number > 1 && entries.Count == 0) return TypedResults.NotFound();
        return Xml(context, Urls(site, entries));
    }

    private static string Urls(string site, IEnumerable<Entry> entries) => Write(xml =>
    {
        xml.WriteStartElement("urlset", Namespace);
        foreach (var entry in entries)
        {
            xml.WriteStartElement("url", Namespace);
            xml.WriteElementString("loc", Namespace, site + ReaderPage.StoryUrl(entry.Slug));
            if (entry.PublishedAt is { } at) xml.WriteElementString("lastmod", Namespace, W3CDate(at));
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
    });

    private static string Index(string site, int parts) => Write(xml =>
    {
        xml.WriteStartElement("sitemapindex", Namespace);
        for (var part = 1; part <= parts; part++)
        {
            xml.WriteStartElement("sitemap", Namespace);
            xml.WriteElementString("loc", Namespace, $"{site}/sitemap.xml?page={part.ToString(CultureInfo.InvariantCulture)}");
            xml.WriteEndElement();
        }
        xml.WriteEndElement();
    });

    private static string W3CDate(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private static string Write(Action<XmlWriter> body)
    {
        using var output = new MemoryStream();
        using (var xml = XmlWriter.Create(output, new XmlWriterSettings { Encoding = new UTF8Encoding(false) }))
        {
            xml.WriteStartDocument();
            body(xml);
        }
        return Encoding.UTF8.GetString(output.ToArray());
    }

    private static IResult Xml(HttpContext context, string xml)
    {
        ReaderPage.Secure(context);
        context.Response.Headers.CacheControl = "no-cache";
        return TypedResults.Text(xml, "application/xml; charset=utf-8", Encoding.UTF8);
    }
}
