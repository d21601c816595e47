using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Revisions.Domain.Stories;
using SmartReader;

namespace Revisions.Watch;

/// <summary>
/// What a page says as an article: its content (headline, standfirst, byline, paragraphs and subheadings) and
/// the correction or update notice it shows, if any (<see cref="CorrectionNotices"/>).
/// </summary>
public sealed record ExtractedPage(StoryContent Content, string? CorrectionNotice);

/// <summary>
/// Reads the article out of a served page with SmartReader (a port of Mozilla's Readability) over AngleSharp's
/// HTML5 parser. Everything a reader would not call the article — navigation, timestamps, share counts,
/// advertisements, related links, scripts — is left out before and after Readability looks, so that a page
/// re-rendered with a new timestamp and another advert reads as the same article. Everything kept is plain text:
/// markup in the page never survives as markup, and a script is never text.
/// </summary>
public static partial class PageExtractor
{
    private static readonly HtmlParser Parser = new(new HtmlParserOptions { IsScripting = false });

    /// <summary>Elements that are never the article's text.</summary>
    private const string Chrome =
        "script, style, noscript, iframe, template, svg, canvas, object, embed, form, button, input, select, textarea, " +
        "nav, footer, aside, time, figure, dialog, [hidden], [aria-hidden=true], [role=navigation], [role=complementary], [role=banner]";

    /// <summary>Words in a class or id that mark page furniture rather than the article.</summary>
    private static readonly HashSet<string> NoiseWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "ad", "ads", "advert", "adverts", "advertisement", "advertising", "adslot", "dfp", "promo", "promotion", "sponsor",
        "sponsored", "share", "shares", "sharing", "social", "related", "recommended", "newsletter", "subscribe", "comments",
        "comment", "cookie", "cookies", "paywall", "timestamp", "dateline", "updated", "published", "breadcrumb",
        "breadcrumbs", "toolbar", "popup", "modal", "banner", "outbrain", "taboola", "trending", "most-read", "mostread"
    };

    /// <summary>
    /// The article on the page at <paramref name="url"/>, or null when the page holds none (no headline or no text).
    /// </summary>
    public static ExtractedPage? Extract(Uri url, string html)
    {
        var document = Parser.ParseDocument(html);
        var headline = Headline(document);
        var standfirst = First(document,
            "[itemprop=description]", ".standfirst", ".dek", ".subtitle", ".sub-headline", ".subheadline", ".article-summary", ".lede")
            ?? Meta(document, "og:description", "description", "twitter:description");
        var byline = First(document, "[itemprop=author]", "[rel=author]", ".byline", ".author")
            ?? Meta(document, "author", "article:author");

        foreach (var element in document.QuerySelectorAll(Chrome).ToList()) element.Remove();
        foreach (var element in document.All.Where(IsNoise).ToList()) element.Remove();
        // The fields read above are not also paragraphs of the body.
        foreach (var element in document.QuerySelectorAll(
                     "h1, [itemprop=description], .standfirst, .dek, .subtitle, .sub-headline, .subheadline, .article-summary, .lede, " +
                     "[itemprop=author], [rel=author], .byline, .author").ToList())
            element.Remove();

        var blocks = ReadabilityBlocks(url, document);
        if (blocks.Count == 0) blocks = Blocks(document.Body);
        blocks = blocks
            .Where(b => !IsFurniture(b.Text) && b.Text != headline && b.Text != standfirst && b.Text != byline)
            .ToList();
        if (string.IsNullOrWhiteSpace(headline) || blocks.Count == 0) return null;

        var content = new StoryContent(headline, null, standfirst, byline, blocks).Normalised();
        var notice = content.Body.Select(b => b.Text).Prepend(content.Standfirst ?? "").FirstOrDefault(CorrectionNotices.IsNotice);
        return new ExtractedPage(content, notice);
    }

    private static List<Block> ReadabilityBlocks(Uri url, IHtmlDocument document)
    {
        try
        {
            // Readability changes the document it reads; the fields were read above, the body is all it gives.
            var reader = new Reader(url.ToString(), document) { ContinueIfNotReadable = true, DisableJSONLD = true };
            var article = reader.GetArticle();
            if (string.IsNullOrWhiteSpace(article.Content)) return [];
            return Blocks(Parser.ParseDocument(article.Content).Body);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A page Readability cannot read is read by its plain paragraphs instead.
            return [];
        }
    }

    /// <summary>The paragraphs and subheadings under <paramref name="root"/>, in reading order, as plain text.</summary>
    private static List<Block> Blocks(IElement? root)
    {
        var blocks = new List<Block>();
        if (root is null) return blocks;
        foreach (var element in root.QuerySelectorAll("p, h2, h3, h4, h5, h6, li, pre, blockquote"))
        {
            // The innermost block wins: a quotation's paragraphs, not the quotation and its paragraphs again.
            if (element.LocalName is "blockquote" or "li" && element.QuerySelector("p, h2, h3, h4, h5, h6, li, pre") is not null) continue;
            if (element.LocalName is not "blockquote" && element.ParentElement?.Closest("p, h2, h3, h4, h5, h6, pre") is not null) continue;
            var text = Text(element);
            if (text.Length == 0) continue;
            blocks.Add(element.LocalName is "h2" or "h3" or "h4" or "h5" or "h6" ? Block.Subheading(text) : Block.Paragraph(text));
        }
        return blocks;
    }

    private static string Headline(IHtmlDocument document) =>
        new[]
            {
                document.QuerySelector("article h1")?.TextContent, document.QuerySelector("h1")?.TextContent,
                Meta(document, "og:title", "twitter:title"), document.Title
            }
            .Select(t => Normalise(t ?? ""))
            .FirstOrDefault(t => t.Length > 0) ?? "";

    private static string? First(IHtmlDocument document, params string[] selectors) =>
        selectors.Select(s => document.QuerySelector(s)).Where(e => e is not null).Select(e => Text(e!)).FirstOrDefault(t => t.Length > 0);

    private static string? Meta(IHtmlDocument document, params string[] names) =>
        names.SelectMany(n => document.QuerySelectorAll($"meta[property='{n}'], meta[name='{n}']"))
            .Select(m => Normalise(m.GetAttribute("content") ?? ""))
            .FirstOrDefault(t => t.Length > 0);

    private static bool IsNoise(IElement element)
    {
        if (element.LocalName is "html" or "body" or "main" or "article") return false;
        var words = $"{element.ClassName} {element.Id}";
        return words.Length > 1 && Words().Split(words).Any(NoiseWords.Contains);
    }

    /// <summary>Lines that are page furniture wherever they stand: "Advertisement", "1.2k shares", "Updated 10:32".</summary>
    private static bool IsFurniture(string text) => text.Length < 100 && Furniture().IsMatch(text);

    private static string Text(IElement element) => Normalise(element.TextContent);

    private static string Normalise(string text) => Whitespace().Replace(text, " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"[\s_\-]+")]
    private static partial Regex Words();

    [GeneratedRegex(
        @"^(advertisement|sponsored( content)?|share( this)?( article| story| on \w+)?|read more|continue reading|" +
        @"[\d.,]+\s*[km]?\s*(shares?|comments?|views?|reads?)|(last )?(updated|published|posted)\b.*\d.*)$",
        RegexOptions.IgnoreCase)]
    private static partial Regex Furniture();
}
