using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Revisions.Api.Http;
using Wolverine.Http;

namespace Revisions.Api.Public;

public static class GetTimeGateEndpoint
{
    /// <summary>
    /// The Memento TimeGate (RFC 7089, pattern 2.1): <c>Accept-Datetime</c> (RFC 1123) answers 302 to the
    /// permalink of the update that was live then — the first update for a datetime before the story was
    /// first published, the latest one without the header. Malformed datetime: 400.
    /// </summary>
    [WolverineGet("/stories/{slug}/timegate", OperationId = "StoryTimeGate")]
    [Tags("Memento"), AllowAnonymous, ProblemResponses(400), ReaderPageAnswers(404, 410)]
    public static async Task<Results<RedirectHttpResult, RazorComponentResult, ProblemHttpResult>> Get(string slug, HttpContext context, IQuerySession session, CancellationToken cancellation)
    {
        var header = context.Request.Headers[Mementos.AcceptDatetime].ToString();
        DateTimeOffset? wanted = null;
        if (header.Length > 0)
        {
            if (!Mementos.TryParse(header, out var at))
                return Problems.BadRequest("Accept-Datetime is not an RFC 1123 date",
                    $"'{header}' is not a date such as \"Thu, 15 May 2025 14:05:00 GMT\" (RFC 7089 section 2.1.1).");
            wanted = at;
        }

        var (visibility, story) = await PublicHistory.FindAsync(session, slug, cancellation);
        if (story is null) return GetStoryPageEndpoint.Missing(context, visibility);

        var memento = wanted is { } instant ? Mementos.Select(story, instant) : story.Latest;
        var headers = context.Response.Headers;
        headers.Vary = "accept-datetime";
        headers.Link = Mementos.Links(context, slug, story);
        headers.CacheControl = "no-cache";
        ReaderPage.Secure(context);
        return TypedResults.Redirect(ReaderPage.VersionUrl(slug, memento.Version));
    }
}
