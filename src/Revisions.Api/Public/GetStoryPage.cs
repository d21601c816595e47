using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Revisions.Api.Corrections;
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
        // schema.org NewsArticle with every public correction, in the page itself, where search engines read it.
        var jsonLd = NewsArticleJsonLd.Build(story.Published, await PublicNotes.ForStoryAsync(session, story.Published, cancellation),
            $"{context.Request.Scheme}://{context.Request.Host}{ReaderPage.StoryUrl(slug)}");
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
        }, liveSource: LiveSource(slug, latest.Version), changesUrl: $"{changes}?since={latest.Version}", head: head =>
        {
            head.Raw("<link rel=\"alternate\" type=\"").Raw(GetUpdatesFeedEndpoint.AtomType).Raw("\" title=\"Updates to this story\" href=\"")
                .Attr(GetUpdatesFeedEndpoint.Url(slug)).Raw("\">\n");
            // A data block, never run as script, so the Content-Security-Policy has nothing to allow.
            head.Raw("<script type=\"application/ld+json\">").Raw(NewsArticleJsonLd.ForScriptElement(jsonLd)).Raw("</script>\n");
        });
    }

    public static string LiveSource(string slug, int shownVersion) => $"{ReaderPage.StoryUrl(slug)}/live?since={shownVersion}";

    public static ContentHttpResult Missing(HttpContext context, Visibility visibility) => visibility == Visibility.Removed
        ? ReaderPage.Gone(context)
        : ReaderPage.NotFound(context, "There is no published story at this address.");
}
