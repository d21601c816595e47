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

    /// <summary>
    /// A page of an index at <paramref name="path"/>: its heading and introduction, a list item per story (its
    /// headline, standfirst and <paramref name="meta"/>), the links to the pages around it; 404 for a page that is
    /// not a number or is past the last.
    /// </summary>
    public static async Task<IResult> RenderAsync(HttpContext context, IQuerySession session, string? page, string path, bool updatedOnly,
        string heading, Action<HtmlWriter> intro, string empty, Action<HtmlWriter, PublishedStory> meta, string footer, CancellationToken cancellation)
    {
        var number = PageNumber(page);
        var stories = number is null ? null : await PageAsync(session, number.Value, updatedOnly, cancellation);
        if (stories is null || (number > 1 && stories.Count == 0)) return ReaderPage.NotFound(context, "There is no such page.");

        return ReaderPage.Render(context, number == 1 ? heading : $"{heading}, page {number}", html =>
        {
            html.Raw("<h1>").Text(heading).Raw("</h1>\n<p class=\"intro\">");
            intro(html);
            html.Raw("</p>\n");
            if (stories.Count == 0) html.Raw("<p>").Text(empty).Raw("</p>\n");
            html.Raw("<ol class=\"index\">\n");
            foreach (var story in stories) Item(html, story, meta);
            html.Raw("</ol>\n");
            Pages(html, path, stories);
        }, head: head => PageLinks(head, path, stories), footer: footer);
    }

    /// <summary>A page number from the query string: 1 when absent, null when it is not a page number.</summary>
    public static int? PageNumber(string? page) =>
        page is null ? 1 : int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 ? n : null;

    /// <summary>Live stories, newest first: by first publication, or (<paramref name="updatedOnly"/>) those published again since, by their latest update.</summary>
    private static Task<IPagedList<PublishedStory>> PageAsync(IQuerySession session, int page, bool updatedOnly, CancellationToken cancellation)
    {
        var live = session.Query<PublishedStory>().Where(s => s.IsLive);
        var ordered = updatedOnly
            // Published more than once: the latest publish is later than the first.
            ? live.Where(s => s.PublishedAt > s.FirstPublishedAt).OrderByDescending(s => s.PublishedAt)
            : live.OrderByDescending(s => s.FirstPublishedAt);
        return ordered.ThenBy(s => s.Slug).ToPagedListAsync(page, PageSize, cancellation);
    }

    /// <summary>One story in a list: its headline linking to it, its standfirst, and <paramref name="meta"/> (times, links).</summary>
    private static void Item(HtmlWriter html, PublishedStory story, Action<HtmlWriter, PublishedStory> meta)
    {
        var content = story.PublicContent()!;
        html.Raw("<li><article>\n<h2><a href=\"").Attr(ReaderPage.StoryUrl(story.Slug)).Raw("\">").Text(content.Headline).Raw("</a></h2>\n");
        if (content.Standfirst is not null) html.Raw("<p class=\"standfirst\">").Text(content.Standfirst).Raw("</p>\n");
        meta(html, story);
        html.Raw("</article></li>\n");
    }

    /// <summary>Links to the previous and next pages, for people (a nav) and crawlers (link rel in the head).</summary>
    private static void Pages(HtmlWriter html, string path, IPagedList<PublishedStory> page)
    {
        if (page.PageCount <= 1) return;
        html.Raw("<nav class=\"pages\" aria-label=\"Pages\">");
        if (page.HasPreviousPage) html.Raw("<a rel=\"prev\" href=\"").Attr(PageUrl(path, page.PageNumber - 1)).Raw("\">Newer</a> ");
        html.Raw("<span>Page ").Number((int)page.PageNumber).Raw(" of ").Number((int)page.PageCount).Raw("</span>");
        if (page.HasNextPage) html.Raw(" <a rel=\"next\" href=\"").Attr(PageUrl(path, page.PageNumber + 1)).Raw("\">Older</a>");
        html.Raw("</nav>\n");
    }

    /// <inheritdoc cref="Pages(HtmlWriter, string, IPagedList{PublishedStory})"/>
    private static void PageLinks(HtmlWriter head, string path, IPagedList<PublishedStory> page)
    {
        if (page.HasPreviousPage) head.Raw("<link rel=\"prev\" href=\"").Attr(PageUrl(path, page.PageNumber - 1)).Raw("\">\n");
        if (page.HasNextPage) head.Raw("<link rel=\"next\" href=\"").Attr(PageUrl(path, page.PageNumber + 1)).Raw("\">\n");
    }

    private static string PageUrl(string path, long page) => page == 1 ? path : $"{path}?page={page.ToString(CultureInfo.InvariantCulture)}";
}
