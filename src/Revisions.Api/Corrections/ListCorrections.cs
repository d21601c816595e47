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
        var query = session.Query<CorrectionEntry>().AsQueryable();
        if (from is not null)
        {
            if (!Instants.TryParse(from, out var since)) return Instants.Invalid("from", from);
            query = query.Where(c => c.At >= since);
        }
        if (to is not null)
        {
            if (!Instants.TryParse(to, out var until)) return Instants.Invalid("to", to);
            query = query.Where(c => c.At <= until);
        }
        if (kind is not null)
        {
            var kinds = new List<NoteKind>();
            foreach (var name in kind.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!NoteKinds.TryParse(name, out var k))
                    return Problems.BadRequest("Unknown note kind", $"'{name}' is not a note kind; use any of: {NoteKinds.Allowed}.");
                kinds.Add(k);
            }
            query = query.Where(c => kinds.Contains(c.Kind));
        }
        if (story is not null)
        {
            var found = await StoryLookup.FindAsync(session, story, cancellation);
            if (found is null) return Problems.NotFound(StoryLookup.Missing(story));
            query = query.Where(c => c.StoryId == found.Id);
        }
        if (format is not null && format is not ("json" or "csv"))
            return Problems.BadRequest("Unknown format", "format is json or csv.");

        var entries = await query.OrderByDescending(c => c.At).Take(MaxItems).ToListAsync(cancellation);
        var stories = await session.LoadManyAsync<Story>(cancellation, entries.Select(e => e.StoryId).Distinct());
        var byId = stories.ToDictionary(s => s.Id);
        // Headlines and note texts as the caller may see them: with the redactions in force, unless legal.
        var items = entries.Select(e =>
        {
            var story = byId.GetValueOrDefault(e.StoryId);
            var text = RedactionRules.ApplyToNote(e.Text, Roles.RedactionsFor(context, story?.Redactions ?? []));
            return new CorrectionLogItem(e.Id, e.StoryId, story?.Slug ?? "", story?.AsShownTo(context).Content.Headline ?? "", e.AboutVersion, e.Kind, text, e.Editor, e.At);
        }).ToList();

        var wantsCsv = format == "csv" || (format is null && context.Request.Headers.Accept.ToString().Contains("text/csv"));
        if (wantsCsv) return TypedResults.Text(Csv(items), "text/csv; charset=utf-8");

        var counts = Enum.GetValues<NoteKind>().ToDictionary(k => k.Name(), k => items.Count(i => i.Kind == k));
        return TypedResults.Ok(new CorrectionLog(items, counts, items.Count));
    }

    private static string Csv(IEnumerable<CorrectionLogItem> items)
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
