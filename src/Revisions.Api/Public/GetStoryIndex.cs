using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace Revisions.Api.Public;

public static class GetStoryIndexEndpoint
{
    public const string Path = "/stories";

    /// <summary>
    /// Every published story, newest first, fifty a page (<c>?page=</c>): headline, standfirst, when it was first
    /// published and last updated. For readers and crawlers; drafts and stories taken down are never listed.
    /// </summary>
    [WolverineGet(Path, OperationId = "ReadStoryIndex")]
    [Tags("Reader pages"), AllowAnonymous, ExcludeFromDescription]
    public static async Task<IResult> Get(string? page, HttpContext context, IQuerySession session, CancellationToken cancellation)
    {
        if (StoryIndex.PageNumber(page) is not { } number) return ReaderPage.NotFound(context, "There is no such page of stories.");
        var stories = await StoryIndex.PageAsync(session, number, updatedOnly: false, cancellation);
        if (number > 1 && stories.Count == 0) return ReaderPage.NotFound(context, "There is no such page of stories.");

        return ReaderPage.Render(context, number == 1 ? "Stories" : $"Stories, page {number}", html =>
        {
            html.Raw("<h1>Stories</h1>\n<p class=\"intro\">Every published story, newest first. <a href=\"").Attr(GetRecentlyUpdatedEndpoint.Path)
                .Raw("\">Recently updated stories</a> lists those changed since they were first published.</p>\n");
            if (stories.Count == 0) html.Raw("<p>Nothing has been published yet.</p>\n");
            html.Raw("<ol class=\"index\">\n");
            foreach (var story in stories)
            {
                StoryIndex.Item(html, story, (meta, _) =>
                {
                    meta.Raw("<p class=\"updated\">Published ").Time(story.FirstPublishedAt!.Value);
                    if (story.PublishedAt > story.FirstPublishedAt)
                        meta.Raw(" · updated ").Time(story.PublishedAt!.Value).Raw(" · <a href=\"").Attr(ReaderPage.ChangesUrl(story.Slug)).Raw("\">What changed</a>");
                    meta.Raw("</p>\n");
                });
            }
            html.Raw("</ol>\n");
            StoryIndex.Pages(html, Path, stories);
        }, head: head => StoryIndex.PageLinks(head, Path, stories), footer: "Only published stories are listed; each links to every update it has had.");
    }
}
