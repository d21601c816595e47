using System.Globalization;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace Revisions.Api.Public;

public static class GetVersionPageEndpoint
{
    /// <summary>
    /// A permalink to one published update: the story exactly as that publish put it live. <c>n</c> is the
    /// version of the publish event, as on the changes page; any other version is 404. Each permalink is a
    /// Memento (RFC 7089): Memento-Datetime is the publish instant.
    /// </summary>
    [WolverineGet("/stories/{slug}/versions/{n}", OperationId = "ReadStoryVersion")]
    [Tags("Reader pages"), AllowAnonymous, ExcludeFromDescription]
    public static async Task<IResult> Get(string slug, string n, HttpContext context, IQuerySession session, CancellationToken cancellation)
    {
        var (visibility, story) = await PublicHistory.FindAsync(session, slug, cancellation);
        if (story is null) return GetStoryPageEndpoint.Missing(context, visibility);

        var update = int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? story.Find(version) : null;
        var content = update is null ? null : await PublicHistory.PublishedContentAsync(session, story, update.Version, cancellation);
        if (update is null || content is null)
            return ReaderPage.NotFound(context, "This story was never published in that version. Its changes page lists every published update.");

        context.Response.Headers[Mementos.MementoDatetime] = Mementos.Format(Mementos.DatetimeOf(update));
        context.Response.Headers.Link = Mementos.Links(context, slug, story);
        return ReaderPage.Render<VersionPage>(context, new Dictionary<string, object?>
        {
            [nameof(VersionPage.Slug)] = slug,
            [nameof(VersionPage.Story)] = story,
            [nameof(VersionPage.Update)] = update,
            [nameof(VersionPage.Content)] = content
        });
    }
}
