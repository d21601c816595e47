using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Revisions.Api.Public;

/// <summary>
/// How every reader page is answered: its component rendered, and the headers that go with it. Pages load one
/// cached stylesheet and, where live updates apply, one deferred script from this host; the
/// Content-Security-Policy allows nothing else, so even markup that slipped past encoding could not run inline script.
/// </summary>
public static class ReaderPage
{
    public const string SiteName = "Revisions";

    private const string Policy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; " +
        "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    /// <summary>
    /// A reader page rendered from its component (<see cref="ReaderLayout"/> is the shell they share), with the
    /// headers every reader page carries. The component's parameters are named with <c>nameof</c>, so a
    /// renamed parameter is a build error rather than a page missing its content.
    /// </summary>
    public static RazorComponentResult Render<TPage>(HttpContext context, IReadOnlyDictionary<string, object?> parameters, int status = 200)
        where TPage : IComponent
    {
        Secure(context);
        context.Response.Headers.CacheControl = "no-cache";
        return new RazorComponentResult<TPage>(parameters) { StatusCode = status, ContentType = "text/html; charset=utf-8" };
    }

    public static RazorComponentResult NotFound(HttpContext context, string message) =>
        Render<NotFoundPage>(context, new Dictionary<string, object?> { [nameof(NotFoundPage.Message)] = message }, StatusCodes.Status404NotFound);

    public static RazorComponentResult Gone(HttpContext context) =>
        Render<GonePage>(context, new Dictionary<string, object?>(), StatusCodes.Status410Gone);

    public static void Secure(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = Policy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "same-origin";
    }

    // Slugs may hold letters of any script: in a URL, and so in a Location or Link header, they are percent-encoded.
    public static string StoryUrl(string slug) => $"/stories/{Uri.EscapeDataString(slug)}";
    public static string ChangesUrl(string slug) => $"{StoryUrl(slug)}/changes";
    public static string VersionUrl(string slug, int version) => $"{StoryUrl(slug)}/versions/{version}";
    public static string UpdateAnchor(int version) => $"v{version}";
}
