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
    public static Task<IResult> Get(string? page, HttpContext context, IQuerySession session, CancellationToken cancellation) =>
        StoryIndex.RenderAsync(context, session, page, Path, updatedOnly: true, "Recently updated",
            intro => intro.Raw("Published stories that have changed since they were first published, most recently updated first. <a href=\"")
                .Attr(GetStoryIndexEndpoint.Path).Raw("\">All stories</a>"),
            "No published story has been updated yet.",
            (meta, story) => meta.Raw("<p class=\"updated\">Updated ").Time(story.PublishedAt!.Value).Raw(" · <a href=\"")
                .Attr(ReaderPage.ChangesUrl(story.Slug)).Raw("#").Raw(ReaderPage.UpdateAnchor(story.PublishVersion!.Value))
                .Raw("\">What changed</a> · first published ").Time(story.FirstPublishedAt!.Value).Raw("</p>\n"),
            "Every update of a story is listed, with what it changed, on the story's changes page.", cancellation);
}
