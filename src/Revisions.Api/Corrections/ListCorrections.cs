using System.Globalization;
using System.Text;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Revisions.Api.Http;
using Revisions.Api.Stories;
using Revisions.Domain.Corrections;
using Revisions.Domain.Legal;
using Revisions.Domain.Stories;
using Wolverine.Http;

namespace Revisions.Api.Corrections;

public sealed record CorrectionLogItem(
    Guid Id, Guid StoryId, string Slug, string Headline, int AboutVersion, NoteKind Kind, string Text, string Editor, DateTimeOffset At);

public sealed record CorrectionLog(IReadOnlyList<CorrectionLogItem> Items, IReadOnlyDictionary<string, int> Counts, int Total);

/// <summary>Which entries of the log to read: written from/to (inclusive), of these kinds, about one story, by one editor.</summary>
public sealed record CorrectionFilter(DateTimeOffset? From = null, DateTimeOffset? To = null, IReadOnlyList<NoteKind>? Kinds = null,
    Guid? StoryId = null, string? Editor = null);

public static class ListCorrectionsEndpoint
{
    public const int MaxItems = 10_000;

    /// <summary>
    /// The corrections log across all stories, newest first, with counts per kind. Filters: <c>from</c>/<c>to</c>
    /// (instants), <c>kind</c> (comma-separated), <c>story</c> (id or slug). <c>format=csv</c> (or
    /// <c>Accept: text/csv</c>) exports the same rows as CSV.
    /// </summary>
    [WolverineGet("/api/corrections", OperationId = "ListCorrections")]
    [Tags("Corrections"), Authorize(Policy = Policies.Newsroom), ProblemResponses(400, 404)]
    [TextAnswers("text/csv")]
    public static async Task<Results<Ok<CorrectionLog>, ContentHttpResult, ProblemHttpResult>> Get(string? from, string? to, string? kind, string? story, string? format,
        HttpContext context, IQuerySession session, CancellationToken cancellation)
    {
        DateTimeOffset? since = null, until = null;
        if (from is not null)
        {
            if (!Instants.TryParse(from, out var instant)) return Instants.Invalid("from", from);
            since = instant;
        }
        if (to is not null)
        {
            if (!Instants.TryParse(to, out var instant)) return Instants.Invalid("to", to);
            until = instant;
        }
        List<NoteKind>? kinds = null;
        if (kind is not null)
        {
            kinds = [];
            foreach (var name in kind.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!NoteKinds.TryParse(name, out var k))
                    return Problems.BadRequest("Unknown note kind", $"'{name}' is not a note kind; use any of: {NoteKinds.Allowed}.");
                kinds.Add(k);
            }
        }
        Guid? storyId = null;
        if (story is not null)
        {
            var found = await StoryLookup.FindStateAsync(session, story, cancellation);
            if (found is null) return Problems.NotFound(StoryLookup.Missing(story));
            storyId = found.Id;
        }
        if (format is not null && format is not ("json" or "csv"))
            return Problems.BadRequest("Unknown format", "format is json or csv.");

        var items = await ReadAsync(session, context, new CorrectionFilter(since, until, kinds, storyId), cancellation);
        var wantsCsv = format == "csv" || (format is null && context.Request.Headers.Accept.ToString().Contains("text/csv"));
        if (wantsCsv) return TypedResults.Text(Csv(items), "text/csv; charset=utf-8");

        return TypedResults.Ok(new CorrectionLog(items, Counts(items), items.Count));
    }

    /// <summary>
    /// The log's entries that pass <paramref name="filter"/>, newest first (at most <see cref="MaxItems"/>), with
    /// headlines and note texts as the caller may see them: with the redactions in force applied, unless legal.
    /// </summary>
    public static async Task<List<CorrectionLogItem>> ReadAsync(IQuerySession session, HttpContext context, CorrectionFilter filter, CancellationToken cancellation)
    {
        var query = session.Query<CorrectionEntry>().AsQueryable();
        if (filter.From is { } since) query = query.Where(c => c.At >= since);
        if (filter.To is { } until) query = query.Where(c => c.At <= until);
        if (filter.Kinds is { } kinds) query = query.Where(c => kinds.Contains(c.Kind));
        if (filter.StoryId is { } storyId) query = query.Where(c => c.StoryId == storyId);
        if (filter.Editor is { } editor) query = query.Where(c => c.Editor == editor);

        var entries = await query.OrderByDescending(c => c.At).Take(MaxItems).ToListAsync(cancellation);
        var byId = await StoryLookup.LoadManyAsync(session, entries.Select(e => e.StoryId), cancellation);
        return entries.Select(e =>
        {
            var story = byId.GetValueOrDefault(e.StoryId);
            var text = RedactionRules.ApplyToNote(e.Text, Roles.RedactionsFor(context, story?.Redactions ?? []));
            return new CorrectionLogItem(e.Id, e.StoryId, story?.Slug ?? "", story?.AsShownTo(context).Content.Headline ?? "", e.AboutVersion, e.Kind, text, e.Editor, e.At);
        }).ToList();
    }

    /// <summary>How many entries of each kind, every kind named (0 when none).</summary>
    public static IReadOnlyDictionary<string, int> Counts(IReadOnlyList<CorrectionLogItem> items) =>
        Enum.GetValues<NoteKind>().ToDictionary(k => k.Name(), k => items.Count(i => i.Kind == k));

    /// <summary>The rows as CSV, one line each, as <c>format=csv</c> answers them.</summary>
    public static string Csv(IEnumerable<CorrectionLogItem> items)
    {
        var csv = new StringBuilder("at,kind,story_id,slug,headline,about_version,editor,text\r\n");
        foreach (var i in items)
        {
            csv.AppendJoin(',', i.At.ToString("O", CultureInfo.InvariantCulture), i.Kind.Name(), i.StoryId.ToString(),
                Field(i.Slug), Field(i.Headline), i.AboutVersion.ToString(CultureInfo.InvariantCulture), Field(i.Editor), Field(i.Text));
            csv.Append("\r\n");
        }
        return csv.ToString();
    }

    /// <summary>
    /// RFC 4180 quoting, and a leading apostrophe on text a spreadsheet would run as a formula
    /// (=, +, -, @), since headlines and notes are typed by people.
    /// </summary>
    private static string Field(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r') value = "'" + value;
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 || value.StartsWith('\'')
            ? $"\"{value.Replace("\"", "\"\"")}\""
            : value;
    }
}
