using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;

namespace Revisions.Api.Http;

/// <summary>
/// A page of a long list: <c>?page=</c> (from 1) and <c>?pageSize=</c>, and the <c>Link</c> header (RFC 8288)
/// that takes a client to the first, previous, next and last pages without counting for itself, with the
/// total in <c>X-Total-Count</c>.
/// </summary>
public sealed record Paging(int Page, int Size)
{
    public const string TotalCountHeader = "X-Total-Count";

    /// <summary>How many items the pages before this one hold.</summary>
    public int Skip => (Page - 1) * Size;

    /// <summary>The page asked for, with <paramref name="defaultSize"/> when none is given; a problem when the numbers are out of range.</summary>
    public static bool TryRead(int? page, int? pageSize, int defaultSize, int maxSize, out Paging paging, out ProblemHttpResult? problem)
    {
        paging = new Paging(page ?? 1, pageSize ?? defaultSize);
        problem = paging.Page < 1 || paging.Size < 1 || paging.Size > maxSize
            ? Problems.BadRequest("Invalid page", $"page starts at 1 and pageSize is between 1 and {maxSize} (default {defaultSize}).")
            : null;
        return problem is null;
    }

    /// <summary>The number of the last page of <paramref name="total"/> items (1 when there are none).</summary>
    public int LastPage(long total) => total <= 0 ? 1 : (int)((total - 1) / Size + 1);

    /// <summary>Sets the Link header to this list's first, previous, next and last pages, and the total.</summary>
    public void Advertise(HttpContext context, long total)
    {
        var request = context.Request;
        var query = QueryHelpers.ParseQuery(request.QueryString.Value);
        string Url(int page)
        {
            var parameters = query.Where(q => q.Key is not ("page" or "pageSize"))
                .Select(q => new KeyValuePair<string, string?>(q.Key, q.Value.ToString()))
                .Append(new("page", page.ToString(CultureInfo.InvariantCulture)))
                .Append(new("pageSize", Size.ToString(CultureInfo.InvariantCulture)));
            // Relative to this host (RFC 8288 resolves it against the request), so it holds behind a proxy too.
            return QueryHelpers.AddQueryString($"{request.PathBase}{request.Path}", parameters);
        }

        var last = LastPage(total);
        var links = new List<string> { Link(Url(1), "first") };
        if (Page > 1) links.Add(Link(Url(Math.Min(Page - 1, last)), "prev"));
        if (Page < last) links.Add(Link(Url(Page + 1), "next"));
        links.Add(Link(Url(last), "last"));
        context.Response.Headers.Link = string.Join(", ", links);
        context.Response.Headers[TotalCountHeader] = total.ToString(CultureInfo.InvariantCulture);
    }

    private static string Link(string url, string rel) => $"<{url}>; rel=\"{rel}\"";
}
