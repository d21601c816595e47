using System.Globalization;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Revisions.Api.Http;
using Revisions.Api.Stories;
using Revisions.Domain.Stories;

namespace Revisions.Api.Desk.Stories;

/// <summary>One line of the list: the story as the signed-in person may see it.</summary>
public sealed record StoryRow(string Slug, string Headline, StoryStatus Status, int Version, DateTimeOffset UpdatedAt, string LastEditor, int OpenFlags);

/// <summary>The list's search and filters, as the query string carries them.</summary>
public sealed record StoryListFilter(string? Q, StoryStatus? Status, DateOnly? Since, string? Editor, bool Flagged)
{
    public string Url(int page)
    {
        var query = new Dictionary<string, string?>();
        if (!string.IsNullOrEmpty(Q)) query["q"] = Q;
        if (Status is { } s) query["status"] = s.ToString().ToLowerInvariant();
        if (Since is { } d) query["since"] = d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (!string.IsNullOrEmpty(Editor)) query["editor"] = Editor;
        if (Flagged) query["flagged"] = "true";
        if (page > 1) query["page"] = page.ToString(CultureInfo.InvariantCulture);
        return QueryHelpers.AddQueryString("/desk/stories", query);
    }
}

public partial class StoriesPage
{
    public const int PageSize = 25;

    /// <summary>
    /// Stories most recently changed first, or best match first with a search (Stories/StorySearches.cs, as
    /// <c>GET /api/stories?q=</c>), narrowed by status, a day they changed since, who changed them last and an open flag.
    /// </summary>
    public static async Task<IResult> Get(string? q, string? status, string? since, string? editor, string? flagged, string? page,
        HttpContext context, IQuerySession session, SearchSettings search, CancellationToken cancellation)
    {
        var user = await DeskUser.OfAsync(context);
        var text = q?.Trim();
        var errors = new List<string>();
        StoryStatus? only = status switch
        {
            null or "" => null,
            "draft" => StoryStatus.Draft,
            "published" => StoryStatus.Published,
            _ => Fail<StoryStatus?>("Status is draft or published.")
        };
        DateOnly? day = string.IsNullOrEmpty(since) ? null
            : DateOnly.TryParseExact(since, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d
            : Fail<DateOnly?>("Changed since is a date: 2026-05-16.");
        var number = string.IsNullOrEmpty(page) ? 1
            : int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p >= 1 ? p : Fail<int>("Pages are numbered from 1.");
        if (StorySearches.Unsearchable(text) is { } why) errors.Add(why.Detail);
        var name = string.IsNullOrWhiteSpace(editor) ? null : editor.Trim();
        var filter = new StoryListFilter(text, only, day, name, flagged == "true");
        if (errors.Count > 0)
            return Render(user, filter, [], 0, 1, 1, string.Join(" ", errors), 400);

        var filters = new StoryFilters(day?.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) is { } start ? new DateTimeOffset(start) : null, name, filter.Flagged);
        var paging = new Paging(number, PageSize);
        var (hits, total) = await StorySearches.ListAsync(session, search, text, only, filters, paging, cancellation);
        var rows = hits.Select(h => h.Story).Select(s => new StoryRow(s.Slug, s.AsShownTo(context).Content.Headline, s.Status, s.Version, s.UpdatedAt, s.LastEditor, s.OpenFlags.Count)).ToList();
        return Render(user, filter, rows, total, paging.Page, paging.LastPage(total), null, 200);

        T Fail<T>(string message)
        {
            errors.Add(message);
            return default!;
        }
    }

    private static RazorComponentResult<StoriesPage> Render(DeskUser user, StoryListFilter filter, IReadOnlyList<StoryRow> rows, long total,
        int page, int lastPage, string? error, int status) =>
        new(new { User = user, Filter = filter, Rows = rows, Total = total, Page = page, LastPage = lastPage, Error = error }) { StatusCode = status };
}
