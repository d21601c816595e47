using System.Security.Cryptography;
using System.Text;

namespace Revisions.Api.Public;

/// <summary>
/// A stylesheet or script for reader pages, served from memory. Its URL carries a hash of its content, so
/// browsers may keep it for a year and still never run a stale copy after a deploy.
/// </summary>
public sealed class ReaderAsset(string path, string contentType, string content)
{
    private readonly byte[] _bytes = Encoding.UTF8.GetBytes(content);

    public string Url { get; } = $"{path}?v={Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)))[..12]}";

    public IResult Serve(HttpContext context)
    {
        context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
        context.Response.Headers.XContentTypeOptions = "nosniff";
        return Results.Bytes(_bytes, contentType);
    }
}
