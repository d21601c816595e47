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
    public static async Task<IResult> Get(string? page, HttpContext context, IQuerySession session, CancellationToken cancellation) =>
        await StoryIndex.FindPageAsync(session, page, updatedOnly: true, cancellation) is { } stories
            ? ReaderPage.Render<RecentlyUpdatedPage>(context, new Dictionary<string, object?> { [nameof(RecentlyUpdatedPage.Page)] = stories })
            : StoryIndex.NoSuchPage(context);
}
