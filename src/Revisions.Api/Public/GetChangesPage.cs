using System.Globalization;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace Revisions.Api.Public;

public static class GetChangesPageEndpoint
{
    /// <summary>
    /// Every published update of a story, oldest first, each with the diff from the update before it; or,
    /// with <c>from</c>/<c>to</c> (publish versions), the comparison of any two updates. <c>since</c> marks the
    /// updates newer than the one a reader last saw.
    /// </summary>
    [WolverineGet("/stories/{slug}/changes", OperationId = "ReadStoryChanges")]
    [Tags("Reader pages"), AllowAnonymous, ExcludeFromDescription]
    public static async Task<IResult> Get(string slug, string? from, string? to, string? since, HttpContext context,
        IQuerySession session, CancellationToken cancellation)
    {
        var (visibility, story) = await PublicHistory.FindAsync(session, slug, cancellation);
        if (story is null) return GetStoryPageEndpoint.Missing(context, visibility);

        var comparing = from is not null || to is not null;
        var newer = to is null ? story.Latest : Find(story, to);
        var older = from is null ? Previous(story, newer) : Find(story, from);
        if (comparing && (newer is null || older is null))
            return ReaderPage.NotFound(context, "Only published updates can be compared; choose two from the list on the changes page.");

        var contents = await PublicHistory.PublishedContentAsync(session, story, cancellation);
        var seen = int.TryParse(since, NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : int.MaxValue;
        var changes = ReaderPage.ChangesUrl(slug);
        var headline = story.Content.Headline;

        return ReaderPage.Render(context, $"What changed: {headline}", html =>
        {
            html.Raw("<nav class=\"crumbs\" aria-label=\"Story\"><a href=\"").Attr(ReaderPage.StoryUrl(slug)).Raw("\">Back to the story</a>");
            if (comparing) html.Raw(" · <a href=\"").Attr(changes).Raw("\">All updates</a>");
            html.Raw("</nav>\n<h1>What changed: ").Text(headline).Raw("</h1>\n");
            html.Raw("<p class=\"intro\">").Number(story.Updates.Count).Raw(story.Updates.Count == 1 ? " published update" : " published updates")
                .Raw("; the latest was ").Time(story.Latest.At).Raw(". Added words are <ins>underlined</ins>, removed words <del>struck through</del>.</p>\n");
            UpdateMarkup.CompareForm(html, slug, story.Updates, older?.Version ?? story.Updates[0].Version, newer!.Version);
            UpdateMarkup.ViewSwitch(html);

            if (comparing)
            {
                html.Raw("<section class=\"update\" aria-labelledby=\"cmp-title\">\n<h2 id=\"cmp-title\">Update ").Number(older!.Number)
                    .Raw(" compared with update ").Number(newer.Number).Raw("</h2>\n");
                UpdateMarkup.Diff(html, contents[older.Version], contents[newer.Version]);
                html.Raw("</section>\n");
                return;
            }

            html.Raw("<div class=\"updates\">\n");
            PublicUpdate? previous = null;
            foreach (var update in story.Updates)
            {
                var heading = (previous, update.Captured) switch
                {
                    (_, true) => $"Update {update.Number}: captured from an archive",
                    (null, _) => $"Update {update.Number}: first published",
                    _ => $"Update {update.Number}"
                };
                UpdateMarkup.Section(html, slug, update, heading,
                    previous is null ? null : contents[previous.Version], contents[update.Version], update.Version > seen);
                previous = update;
            }
            html.Raw("</div>\n");
        }, liveSource: GetStoryPageEndpoint.LiveSource(slug, story.Latest.Version),
            changesUrl: $"{changes}?since={story.Latest.Version.ToString(CultureInfo.InvariantCulture)}");
    }

    private static PublicUpdate? Find(PublicStory story, string version) =>
        int.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? story.Find(n) : null;

    private static PublicUpdate? Previous(PublicStory story, PublicUpdate? update) =>
        update is null ? null : story.Updates.LastOrDefault(u => u.Number < update.Number) ?? update;
}
