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
    public static async Task<IResult> Get(string? page, HttpContext context, IQuerySession session, CancellationToken cancellation) =>
        await StoryIndex.FindPageAsync(session, page, updatedOnly: false, cancellation) is { } stories
            ? ReaderPage.Render<StoryIndexPage>(context, new Dictionary<string, object?> { [nameof(StoryIndexPage.Page)] = stories })
            : StoryIndex.NoSuchPage(context);
}
