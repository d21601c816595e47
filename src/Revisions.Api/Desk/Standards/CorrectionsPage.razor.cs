using System.Globalization;
using System.Text;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Revisions.Api.Corrections;
using Revisions.Api.Stories;
using Revisions.Domain.Corrections;

namespace Revisions.Api.Desk.Standards;

/// <summary>The log's filters as the query string carries them: kind, days from and to (UTC, inclusive), editor, story.</summary>
public sealed record LogFilter(NoteKind? Kind, DateOnly? From, DateOnly? To, string? Editor, string? Story)
{
    public string Url(string path, int page = 1)
    {
        var query = new Dictionary<string, string?>();
        if (Kind is { } k) query["kind"] = k.Name();
        if (From is { } f) query["from"] = f.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (To is { } t) query["to"] = t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        if (!string.IsNullOrEmpty(Editor)) query["editor"] = Editor;
        if (!string.IsNullOrEmpty(Story)) query["story"] = Story;
        if (page > 1) query["page"] = page.ToString(CultureInfo.InvariantCulture);
        return QueryHelpers.AddQueryString(path, query);
    }
}

/// <summary>One week of the chart: the Monday it starts on (UTC) and how many notes of each kind were written in it.</summary>
public sealed record WeekCount(DateOnly Monday, IReadOnlyDictionary<NoteKind, int> Counts)
{
    public int Total => Counts.Values.Sum();
}

public partial class CorrectionsPage
{
    public const int PageSize = 25;
    /// <summary>The chart shows at most this many weeks, the latest ones; the table under it says so when it cuts.</summary>
    public const int MaxWeeks = 26;

    /// <summary>
    /// The corrections log (Corrections/ListCorrections.cs, as <c>GET /api/corrections</c>), narrowed by the
    /// filters, with counts per kind and a chart of notes per week by kind.
    /// </summary>
    public static async Task<IResult> Get(string? kind, string? from, string? to, string? editor, string? story, string? page,
        HttpContext context, IQuerySession session, CancellationToken cancellation)
    {
        var user = await DeskUser.OfAsync(context);
        var (filter, read, errors) = await ReadFilterAsync(kind, from, to, editor, story, session, cancellation);
        var number = string.IsNullOrEmpty(page) ? 1
            : int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p >= 1 ? p : 0;
        if (number == 0) errors.Add("Pages are numbered from 1.");
        if (errors.Count > 0 || read is null)
            return Render(user, filter, [], [], [], 1, 1, string.Join(" ", errors), errors.Count > 0 ? 400 : 404);

        var items = await ListCorrectionsEndpoint.ReadAsync(session, context, read, cancellation);
        var lastPage = Math.Max(1, (items.Count + PageSize - 1) / PageSize);
        var shown = items.Skip((number - 1) * PageSize).Take(PageSize).ToList();
        return Render(user, filter, items, shown, WeeksOf(items, filter), number, lastPage, null, 200);
    }

    /// <summary>The same rows as CSV, by the API's own writer: the file <c>GET /api/corrections?format=csv</c> answers.</summary>
    public static async Task<IResult> Csv(string? kind, string? from, string? to, string? editor, string? story,
        HttpContext context, IQuerySession session, CancellationToken cancellation)
    {
        var (filter, read, errors) = await ReadFilterAsync(kind, from, to, editor, story, session, cancellation);
        if (errors.Count > 0 || read is null)
            return Render(await DeskUser.OfAsync(context), filter, [], [], [], 1, 1, string.Join(" ", errors), errors.Count > 0 ? 400 : 404);
        var items = await ListCorrectionsEndpoint.ReadAsync(session, context, read, cancellation);
        return TypedResults.File(Encoding.UTF8.GetBytes(ListCorrectionsEndpoint.Csv(items)), "text/csv; charset=utf-8", "corrections.csv");
    }

    /// <summary>The filters as typed, and as the log reads them (null when the story named does not exist).</summary>
    private static async Task<(LogFilter Filter, CorrectionFilter? Read, List<string> Errors)> ReadFilterAsync(string? kind, string? from, string? to,
        string? editor, string? story, IQuerySession session, CancellationToken cancellation)
    {
        var errors = new List<string>();
        NoteKind? only = null;
        if (!string.IsNullOrEmpty(kind))
        {
            if (NoteKinds.TryParse(kind, out var k)) only = k;
            else errors.Add($"Kind is one of {NoteKinds.Allowed}.");
        }
        var since = Day(from, "From");
        var until = Day(to, "To");
        if (since > until) errors.Add("From is on or before To.");
        var name = string.IsNullOrWhiteSpace(editor) ? null : editor.Trim();
        var named = string.IsNullOrWhiteSpace(story) ? null : story.Trim();
        var filter = new LogFilter(only, since, until, name, named);
        if (errors.Count > 0) return (filter, null, errors);

        Guid? storyId = null;
        if (named is not null)
        {
            var found = await StoryLookup.FindStateAsync(session, named, cancellation);
            if (found is null)
            {
                errors.Add(StoryLookup.Missing(named));
                return (filter, null, errors);
            }
            storyId = found.Id;
        }
        var read = new CorrectionFilter(
            since is { } s ? new DateTimeOffset(s.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : null,
            // The whole of the last day: up to its final tick.
            until is { } u ? new DateTimeOffset(u.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddTicks(-1) : null,
            only is { } kept ? [kept] : null, storyId, name);
        return (filter, read, errors);

        DateOnly? Day(string? text, string label)
        {
            if (string.IsNullOrEmpty(text)) return null;
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) return day;
            errors.Add($"{label} is a date: 2026-05-16.");
            return null;
        }
    }

    /// <summary>
    /// Notes per week (weeks start on Monday, UTC) over the filter's days, or from the first note to the last;
    /// weeks without notes count as 0 so the chart's gaps are real. At most <see cref="MaxWeeks"/>, the latest.
    /// </summary>
    public static IReadOnlyList<WeekCount> WeeksOf(IReadOnlyList<CorrectionLogItem> items, LogFilter filter)
    {
        if (items.Count == 0) return [];
        var first = Monday(filter.From ?? DateOnly.FromDateTime(items.Min(i => i.At).UtcDateTime));
        var last = Monday(filter.To ?? DateOnly.FromDateTime(items.Max(i => i.At).UtcDateTime));
        var weeks = (last.DayNumber - first.DayNumber) / 7 + 1;
        if (weeks > MaxWeeks) first = last.AddDays(-7 * (MaxWeeks - 1));
        var byWeek = items.GroupBy(i => Monday(DateOnly.FromDateTime(i.At.UtcDateTime)))
            .ToDictionary(g => g.Key, g => g.GroupBy(i => i.Kind).ToDictionary(k => k.Key, k => k.Count()));
        var result = new List<WeekCount>();
        for (var monday = first; monday <= last; monday = monday.AddDays(7))
            result.Add(new WeekCount(monday, byWeek.GetValueOrDefault(monday) ?? []));
        return result;
    }

    private static DateOnly Monday(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    private static RazorComponentResult<CorrectionsPage> Render(DeskUser user, LogFilter filter, IReadOnlyList<CorrectionLogItem> all,
        IReadOnlyList<CorrectionLogItem> shown, IReadOnlyList<WeekCount> weeks, int page, int lastPage, string? error, int status) =>
        new(new
        {
            User = user, Filter = filter, Rows = shown, Total = all.Count, Counts = ListCorrectionsEndpoint.Counts(all), Weeks = weeks,
            Page = page, LastPage = lastPage, Error = error
        }) { StatusCode = status };
}
