using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace Revisions.Api.Public;

public static class GetRecentlyUpdatedEndpoint
{
    public const string Path = "/updates";

    /// <summary>
    /// Published stories that changed after they were first published, most recently updated first, each
    /// linking to what changed in its latest update: the front page of a story-change tracker.
    /// </summary>
    [WolverineGet(Path, OperationId = "ReadRecentlyUpdated")]
    [Tags("Reader pages"), AllowAnonymous, ExcludeFromDescription]
    public static async Task<IResult> Get(string? page, HttpContext context, IQuerySession session, CancellationToken cancellation)
    {
        if (StoryIndex.PageNumber(page) is not { } number) return ReaderPage.NotFound(context, "There is no such page of updates.");
        var stories = await StoryIndex.PageAsync(session, number, updatedOnly: true, cancellation);
        if (number > 1 && stories.Count == 0) return ReaderPage.NotFound(context, "There is no such page of updates.");

        return ReaderPage.Render(context, number == 1 ? "Recently updated" : $"Recently updated, page {number}", html =>
        {
            html.Raw("<h1>Recently updated</h1>\n<p class=\"intro\">Published stories that have changed since they were first published, "
                + "most recently updated first. <a href=\"").Attr(GetStoryIndexEndpoint.Path).Raw("\">All stories</a></p>\n");
            if (stories.Count == 0) html.Raw("<p>No published story has been updated yet.</p>\n");
            html.Raw("<ol class=\"index\">\n");
            foreach (var story in stories)
            {
                StoryIndex.Item(html, story, (meta, _) =>
                    meta.Raw("<p class=\"updated\">Updated ").Time(story.PublishedAt!.Value).Raw(" · <a href=\"")
                        .Attr(ReaderPage.ChangesUrl(story.Slug)).Raw("#").Raw(ReaderPage.UpdateAnchor(story.PublishVersion!.Value))
                        .Raw("\">What changed</a> · first published ").Time(story.FirstPublishedAt!.Value).Raw("</p>\n"));
            }
            html.Raw("</ol>\n");
            StoryIndex.Pages(html, Path, stories);
        }, head: head => StoryIndex.PageLinks(head, Path, stories), footer: "Every update of a story is listed, with what it changed, on the story's changes page.");
    }
}
