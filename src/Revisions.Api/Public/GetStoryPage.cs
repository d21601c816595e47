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

        var jsonLd = NewsArticleJsonLd.Build(story.Published, await PublicNotes.ForStoryAsync(session, story.Published, cancellation),
            $"{context.Request.Scheme}://{context.Request.Host}{ReaderPage.StoryUrl(slug)}");
        Mementos.AdvertiseOnOriginal(context, slug);
        return ReaderPage.Render<StoryPage>(context, new Dictionary<string, object?>
        {
            [nameof(StoryPage.Slug)] = slug,
            [nameof(StoryPage.Story)] = story,
            [nameof(StoryPage.JsonLd)] = jsonLd
        });
    }

    public static string LiveSource(string slug, int shownVersion) => $"{ReaderPage.StoryUrl(slug)}/live?since={shownVersion}";

    public static RazorComponentResult Missing(HttpContext context, Visibility visibility) => visibility == Visibility.Removed
        ? ReaderPage.Gone(context)
        : ReaderPage.NotFound(context, "There is no published story at this address.");
}
