using System.Globalization;
using Marten;
using Marten.Pagination;
using Revisions.Domain.Stories;

namespace Revisions.Api.Public;

/// <summary>
/// Pages of the stories that are live, for the reader-side indexes (<c>/stories</c>, <c>/updates</c>). Only
/// <see cref="PublishedStory"/> is read — what the public may see, never a draft — and every headline and
/// standfirst shown has the redactions in force applied (<see cref="PublishedStory.PublicContent"/>).
/// </summary>
public static class StoryIndex
{
    public const int PageSize = 50;

    /// <summary>A page number from the query string: 1 when absent, null when it is not a page number.</summary>
    public static int? PageNumber(string? page) =>
        page is null ? 1 : int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 ? n : null;

    /// <summary>Live stories, newest first: by first publication, or (<paramref name="updatedOnly"/>) those published again since, by their latest update.</summary>
    public static Task<IPagedList<PublishedStory>> PageAsync(IQuerySession session, int page, bool updatedOnly, CancellationToken cancellation)
    {
        var live = session.Query<PublishedStory>().Where(s => s.IsLive);
        var ordered = updatedOnly
            // Published more than once: the latest publish is later than the first.
            ? live.Where(s => s.PublishedAt > s.FirstPublishedAt).OrderByDescending(s => s.PublishedAt)
            : live.OrderByDescending(s => s.FirstPublishedAt);
        return ordered.ThenBy(s => s.Slug).ToPagedListAsync(page, PageSize, cancellation);
    }

    /// <summary>One story in a list: its headline linking to it, its standfirst, and <paramref name="meta"/> (times, links).</summary>
    public static void Item(HtmlWriter html, PublishedStory story, Action<HtmlWriter, StoryContent> meta)
    {
        var content = story.PublicContent()!;
        html.Raw("<li><article>\n<h2><a href=\"").Attr(ReaderPage.StoryUrl(story.Slug)).Raw("\">").Text(content.Headline).Raw("</a></h2>\n");
        if (content.Standfirst is not null) html.Raw("<p class=\"standfirst\">").Text(content.Standfirst).Raw("</p>\n");
        meta(html, content);
        html.Raw("</article></li>\n");
    }

    /// <summary>Links to the previous and next pages, for people (a nav) and crawlers (link rel in the head).</summary>
    public static void Pages(HtmlWriter html, string path, IPagedList<PublishedStory> page)
    {
        if (page.PageCount <= 1) return;
        html.Raw("<nav class=\"pages\" aria-label=\"Pages\">");
        if (page.HasPreviousPage) html.Raw("<a rel=\"prev\" href=\"").Attr(PageUrl(path, page.PageNumber - 1)).Raw("\">Newer</a> ");
        html.Raw("<span>Page ").Number((int)page.PageNumber).Raw(" of ").Number((int)page.PageCount).Raw("</span>");
        if (page.HasNextPage) html.Raw(" <a rel=\"next\" href=\"").Attr(PageUrl(path, page.PageNumber + 1)).Raw("\">Older</a>");
        html.Raw("</nav>\n");
    }

    /// <inheritdoc cref="Pages(HtmlWriter, string, IPagedList{PublishedStory})"/>
    public static void PageLinks(HtmlWriter head, string path, IPagedList<PublishedStory> page)
    {
        if (page.HasPreviousPage) head.Raw("<link rel=\"prev\" href=\"").Attr(PageUrl(path, page.PageNumber - 1)).Raw("\">\n");
        if (page.HasNextPage) head.Raw("<link rel=\"next\" href=\"").Attr(PageUrl(path, page.PageNumber + 1)).Raw("\">\n");
    }

    public static string PageUrl(string path, long page) => page == 1 ? path : $"{path}?page={page.ToString(CultureInfo.InvariantCulture)}";
}
