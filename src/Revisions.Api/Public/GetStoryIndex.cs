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
    public static Task<IResult> Get(string? page, HttpContext context, IQuerySession session, CancellationToken cancellation) =>
        StoryIndex.RenderAsync(context, session, page, Path, updatedOnly: false, "Stories",
            intro => intro.Raw("Every published story, newest first. <a href=\"").Attr(GetRecentlyUpdatedEndpoint.Path)
                .Raw("\">Recently updated stories</a> lists those changed since they were first published."),
            "Nothing has been published yet.",
            (meta, story) =>
            {
                meta.Raw("<p class=\"updated\">Published ").Time(story.FirstPublishedAt!.Value);
                if (story.PublishedAt > story.FirstPublishedAt)
                    meta.Raw(" · updated ").Time(story.PublishedAt!.Value).Raw(" · <a href=\"").Attr(ReaderPage.ChangesUrl(story.Slug)).Raw("\">What changed</a>");
                meta.Raw("</p>\n");
            },
            "Only published stories are listed; each links to every update it has had.", cancellation);
}
