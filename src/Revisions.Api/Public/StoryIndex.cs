using System.Globalization;
using Marten;
using Marten.Pagination;
using Microsoft.AspNetCore.Http.HttpResults;
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
    /// A page of an index, as its <c>?page=</c> names it; null for a page that is not a number or is past the
    /// last (the first page is there even when nothing is published yet).
    /// </summary>
    public static async Task<IPagedList<PublishedStory>?> FindPageAsync(IQuerySession session, string? page, bool updatedOnly,
        CancellationToken cancellation)
    {
        if (PageNumber(page) is not { } number) return null;
        var stories = await PageAsync(session, number, updatedOnly, cancellation);
        return number > 1 && stories.Count == 0 ? null : stories;
    }

    public static RazorComponentResult NoSuchPage(HttpContext context) => ReaderPage.NotFound(context, "There is no such page.");

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
}
