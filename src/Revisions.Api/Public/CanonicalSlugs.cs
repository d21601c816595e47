using Revisions.Domain.Stories;

namespace Revisions.Api.Public;

/// <summary>
/// One rule for every reader URL that names a story (<c>/stories/{slug}/…</c> and
/// <c>/feeds/stories/{slug}/…</c>): a slug spelled otherwise than its canonical form (upper case, or letters
/// decomposed) is answered with a permanent redirect to the canonical URL, which then answers 200, 404 or 410
/// as that story's state says. Without it, the output cache (whose keys ignore case) served
/// <c>/stories/LEAK-LIVE</c> while <c>/stories/LEAK-LIVE/changes</c> was a 404, and an unpublished story was a
/// 404 in upper case but 410 in lower case. Runs before the output cache, so only canonical URLs are cached.
/// </summary>
public static class CanonicalSlugs
{
    private static readonly PathString[] StoryRoutes = ["/stories", "/feeds/stories"];

    public static IApplicationBuilder UseCanonicalSlugs(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (CanonicalLocation(context.Request) is { } location)
        {
            context.Response.StatusCode = StatusCodes.Status301MovedPermanently;
            context.Response.Headers.Location = location;
            return;
        }
        await next(context);
    });

    /// <summary>Where a request for a non-canonical slug belongs, percent-encoded for a Location header; null when it is canonical.</summary>
    public static string? CanonicalLocation(HttpRequest request)
    {
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method)) return null;
        foreach (var route in StoryRoutes)
        {
            if (!request.Path.StartsWithSegments(route, out var rest) || rest.Value is not { Length: > 1 } tail) continue;
            var end = tail.IndexOf('/', 1);
            var slug = end < 0 ? tail[1..] : tail[1..end];
            var canonical = Slug.Canonical(slug);
            if (canonical == slug || !Slug.IsValid(canonical)) return null;
            var path = request.PathBase + route + new PathString("/" + canonical + (end < 0 ? "" : tail[end..]));
            return path.ToUriComponent() + request.QueryString.ToUriComponent();
        }
        return null;
    }
}
