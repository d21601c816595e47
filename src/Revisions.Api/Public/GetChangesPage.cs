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
        (PublicUpdate Older, PublicUpdate Newer)? compared = comparing ? (older!, newer!) : null;
        var seen = int.TryParse(since, NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : int.MaxValue;
        return ReaderPage.Render<ChangesPage>(context, new Dictionary<string, object?>
        {
            [nameof(ChangesPage.Slug)] = slug,
            [nameof(ChangesPage.Story)] = story,
            [nameof(ChangesPage.Contents)] = contents,
            [nameof(ChangesPage.Compared)] = compared,
            [nameof(ChangesPage.From)] = older?.Version ?? story.Updates[0].Version,
            [nameof(ChangesPage.To)] = newer!.Version,
            [nameof(ChangesPage.Seen)] = seen
        });
    }

    private static PublicUpdate? Find(PublicStory story, string version) =>
        int.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? story.Find(n) : null;

    private static PublicUpdate? Previous(PublicStory story, PublicUpdate? update) =>
        update is null ? null : story.Updates.LastOrDefault(u => u.Number < update.Number) ?? update;
}
