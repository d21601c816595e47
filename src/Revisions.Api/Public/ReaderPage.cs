using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Revisions.Api.Public;

/// <summary>
/// The shell every reader page shares, and the headers that go with it. Pages load one cached stylesheet
/// and, where live updates apply, one deferred script from this host; the Content-Security-Policy allows
/// nothing else, so even markup that slipped past encoding could not run inline script.
/// </summary>
public static class ReaderPage
{
    public const string SiteName = "Revisions";

    private const string Policy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; " +
        "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    /// <param name="liveSource">The live-updates stream this page listens to, or null for a static page.</param>
    /// <param name="head">More for the page's head: alternate links, structured data.</param>
    /// <param name="footer">The footer's line, when the page is not about one story.</param>
    public static ContentHttpResult Render(HttpContext context, string title, Action<HtmlWriter> main, int status = 200,
        string? liveSource = null, string? changesUrl = null, Action<HtmlWriter>? head = null, string? footer = null)
    {
        var html = new HtmlWriter();
        html.Raw("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Raw("<title>").Text(title).Raw(" — ").Text(SiteName).Raw("</title>\n")
            .Raw("<link rel=\"stylesheet\" href=\"").Attr(ReaderStyles.Url).Raw("\">\n");
        if (liveSource is not null)
            html.Raw("<script src=\"").Attr(LiveScript.Url).Raw("\" defer></script>\n");
        head?.Invoke(html);
        html.Raw("</head>\n<body>\n<a class=\"skip\" href=\"#content\">Skip to content</a>\n")
            .Raw("<header class=\"site\"><p class=\"brand\">").Text(SiteName).Raw("</p></header>\n");
        if (liveSource is not null)
        {
            // Present from the start and empty, so screen readers announce the banner when the script fills it.
            html.Raw("<div id=\"live\" class=\"live\" role=\"status\" aria-live=\"polite\" data-source=\"").Attr(liveSource)
                .Raw("\" data-changes=\"").Attr(changesUrl).Raw("\"></div>\n");
        }
        html.Raw("<main id=\"content\" tabindex=\"-1\">\n");
        main(html);
        html.Raw("</main>\n<footer class=\"site\"><p>").Text(footer ?? "Every published update of this story is listed on its changes page.")
            .Raw("</p></footer>\n")
            .Raw("</body>\n</html>\n");

        Secure(context);
        context.Response.Headers.CacheControl = "no-cache";
        return TypedResults.Content(html.ToString(), "text/html; charset=utf-8", Encoding.UTF8, status);
    }

    public static ContentHttpResult NotFound(HttpContext context, string message) =>
        Render(context, "Not found", html => html.Raw("<h1>Not found</h1>\n<p>").Text(message).Raw("</p>\n"), 404);

    public static ContentHttpResult Gone(HttpContext context) =>
        Render(context, "Story removed",
            html => html.Raw("<h1>This story has been removed</h1>\n<p>It is no longer published.</p>\n"), 410);

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
