using System.Security.Cryptography;
using Microsoft.Extensions.FileProviders;

namespace Revisions.Api.Desk;

/// <summary>
/// The desk's stylesheet and script, plain files under wwwroot/desk. Pages link them with a hash of their content
/// in the query, so a browser may keep them for a year and still never runs a stale copy after a deploy.
/// (Not <c>MapStaticAssets</c>: it adds a catch-all route that turns every other unknown POST into a 405.)
/// </summary>
public static class DeskAssets
{
    private static IFileProvider? _files;
    private static readonly Dictionary<string, string> Urls = new();

    public static string Stylesheet => Url("/desk/desk.css");
    public static string Script => Url("/desk/desk.js");
    /// <summary>Fills in the reader's time zone beside a date-time picker (Desk/Legal/MomentPicker.razor).</summary>
    public static string MomentScript => Url("/desk/moment.js");

    public static IApplicationBuilder UseDeskAssets(this WebApplication app)
    {
        _files = app.Environment.WebRootFileProvider;
        return app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = file =>
            {
                file.Context.Response.Headers.XContentTypeOptions = "nosniff";
                file.Context.Response.Headers.CacheControl = file.Context.Request.Query.ContainsKey("v")
                    ? "public, max-age=31536000, immutable"
                    : "no-cache";
            }
        });
    }

    private static string Url(string path)
    {
        lock (Urls)
        {
            if (Urls.TryGetValue(path, out var url)) return url;
            var file = _files?.GetFileInfo(path);
            if (file is null || !file.Exists) return path;
            using var stream = file.CreateReadStream();
            return Urls[path] = $"{path}?v={Convert.ToHexStringLower(SHA256.HashData(stream))[..12]}";
        }
    }
}
