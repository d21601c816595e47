using System.Net;
using System.Security.Cryptography;
using AngleSharp.Html.Parser;
using Marten;
using Npgsql;
using Revisions.Domain.Legal;
using Revisions.Evidence;
using Revisions.Watch;

namespace Revisions.Api.Watch;

/// <summary>
/// An erasure by legal order reaching the raw captures of a watched page (docs/legal.md): in each response the
/// story keeps, the text is replaced by "[erased]" in the body — as written and as HTML would escape it — and
/// the record names the erasure in a WARC field. Where the page still shows the text after that (split by markup,
/// written as numeric character references, in another encoding), the whole body is withdrawn instead: an erasure
/// must not depend on how a site happened to mark its text up. The chain keeps the original record's hash, and
/// the masked record's hash is stored beside it, as erased events keep theirs.
/// </summary>
public static class EraseCaptures
{
    private static readonly HtmlParser Parser = new();

    /// <returns>How many raw captures held the text.</returns>
    public static async Task<int> MaskAsync(NpgsqlTransaction transaction, IDocumentStore store, Guid storyId, string text, Guid erasureId,
        CancellationToken cancellation)
    {
        await using var session = store.LightweightSession(Marten.Services.SessionOptions.ForTransaction(transaction, shouldAutoCommit: false));
        var captures = await session.Query<RawCapture>().Where(c => c.StoryId == storyId).ToListAsync(cancellation);
        var masked = 0;
        foreach (var capture in captures)
        {
            var response = HttpCapture.FromWarc(HttpCapture.Gunzip(capture.Record));
            if (Mask(response, text, erasureId) is not { } erased) continue;
            var record = erased.ToWarc();
            session.Store(capture with { Record = HttpCapture.Gzip(record), ErasedSha256 = Chain.Hex(SHA256.HashData(record)) });
            masked++;
        }
        await session.SaveChangesAsync(cancellation);
        return masked;
    }

    /// <summary>The response with the text masked in its body, or null when the body never held it.</summary>
    public static HttpCapture? Mask(HttpCapture response, string text, Guid erasureId)
    {
        var contentType = response.Headers.FirstOrDefault(h => h.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)).Value;
        var page = PageText.Decode(response.Body, contentType);
        var forms = new[] { text, WebUtility.HtmlEncode(text), WebUtility.HtmlEncode(text).Replace("&#39;", "&apos;") }.Distinct();
        var replaced = forms.Aggregate(page, (current, form) => current.Replace(form, LegalHolds.ErasedMarker, StringComparison.Ordinal));
        var stillShown = Shows(replaced, text);
        if (replaced == page && !stillShown) return null;
        var body = stillShown
            ? System.Text.Encoding.UTF8.GetBytes(LegalHolds.ErasedMarker)
            : System.Text.Encoding.UTF8.GetBytes(replaced);
        var how = stillShown ? "the body was withdrawn: the erased text could not be masked where it stood" : "text replaced by [erased]";
        return response with
        {
            Body = body,
            Erasures = [.. response.Erasures, $"{erasureId}; {how}; by legal order"]
        };
    }

    /// <summary>Whether the page, read as a browser would, still shows the text anywhere: in its text or its attributes.</summary>
    private static bool Shows(string html, string text)
    {
        var document = Parser.ParseDocument(html);
        var words = string.Join(" ", document.All.SelectMany(e => e.Attributes.Select(a => a.Value)).Append(document.DocumentElement.TextContent));
        return Normalise(words).Contains(Normalise(text), StringComparison.Ordinal);
    }

    private static string Normalise(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
