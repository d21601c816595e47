using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Wolverine.Http;

namespace Revisions.Api.Public;

public static class GetStoryPageEndpoint
{
    /// <summary>
    /// The published story for readers, with its update notes; 404 unless it is published. It is the Memento
    /// Original Resource: its Link header names the TimeGate and TimeMap.
    /// </summary>
    [WolverineGet("/stories/{slug}", OperationId = "ReadStory")]
    [Tags("Reader pages"), AllowAnonymous, ExcludeFromDescription]
    public static async Task<IResult> Get(string slug, HttpContext context, IQuerySession session, CancellationToken cancellation)
    {
        var (visibility, story) = await PublicHistory.FindAsync(session, slug, cancellation);
        if (story is null) return Missing(context, visibility);

        var latest = story.Latest;
        var changes = ReaderPage.ChangesUrl(slug);
        Mementos.AdvertiseOnOriginal(context, slug);
        return ReaderPage.Render(context, story.Content.Headline, html =>
        {
            StoryMarkup.Article(html, story.Content, meta =>
            {
                meta.Raw("<p class=\"updated\">Updated ").Time(latest.At);
                if (story.Updates.Count > 1)
                    meta.Raw(" · <a href=\"").Attr(changes).Raw("\">See what changed (").Number(story.Updates.Count - 1)
                        .Raw(story.Updates.Count == 2 ? " update" : " updates").Raw(")</a>");
                meta.Raw("</p>\n");
            }, end => StoryMarkup.Notes(end, story.Updates, slug));
        }, liveSource: LiveSource(slug, latest.Version), changesUrl: $"{changes}?since={latest.Version}");
    }

    public static string LiveSource(string slug, int shownVersion) => $"{ReaderPage.StoryUrl(slug)}/live?since={shownVersion}";

    public static ContentHttpResult Missing(HttpContext context, Visibility visibility) => visibility == Visibility.Removed
        ? ReaderPage.Gone(context)
        : ReaderPage.NotFound(context, "There is no published story at this address.");
}
