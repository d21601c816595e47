using System.Text;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Revisions.Api.Http;
using Wolverine.Http;

namespace Revisions.Api.Public;

public static class GetTimeMapEndpoint
{
    /// <summary>
    /// The Memento TimeMap (RFC 7089 section 5): the original, this TimeMap, the TimeGate and every published
    /// update as a memento with its datetime, in <c>application/link-format</c>. Like every reader page it is
    /// 404 for a story never published and 410 for one taken down: a removed story has no public mementos.
    /// </summary>
    [WolverineGet("/stories/{slug}/timemap", OperationId = "StoryTimeMap")]
    [Tags("Memento"), AllowAnonymous, ProducesResponseType<string>(200, "application/link-format"), ReaderPageAnswers(404, 410)]
    public static async Task<Results<ContentHttpResult, RazorComponentResult>> Get(string slug, HttpContext context, IQuerySession session, CancellationToken cancellation)
    {
        var (visibility, story) = await PublicHistory.FindAsync(session, slug, cancellation);
        if (story is null) return GetStoryPageEndpoint.Missing(context, visibility);

        ReaderPage.Secure(context);
        context.Response.Headers.CacheControl = "no-cache";
        return TypedResults.Text(Mementos.TimeMap(context, slug, story), Mementos.LinkFormat, Encoding.UTF8);
    }
}
