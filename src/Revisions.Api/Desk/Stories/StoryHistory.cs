using Marten;
using Npgsql;
using NpgsqlTypes;
using Revisions.Api.Stories;
using Revisions.Domain.Corrections;
using Revisions.Domain.Legal;
using Revisions.Domain.Stories;

namespace Revisions.Api.Desk.Stories;

/// <summary>One mark on the timeline: a version, when, what kind, and whether the story was live after it.</summary>
public sealed record TimelinePoint(int Version, DateTimeOffset At, string Kind, NoteKind? NoteKind, bool Live);

/// <summary>One line of the version list, with the size of its content against the content before it.</summary>
public sealed record HistoryRow(StoryVersion Row, int? SizeChange, string? Note, string? NoteText);

/// <summary>
/// What a story's history page shows, read from the version rows (Stories/StoryVersion.cs) without replaying any
/// event: every version's time and kind for the timeline, one page of rows newest first, and the size of the
/// content each saved (from the content events themselves, which hold it).
/// </summary>
public static class StoryHistory
{
    public static async Task<IReadOnlyList<TimelinePoint>> TimelineAsync(IQuerySession session, Guid storyId, CancellationToken cancellation)
    {
        var versions = session.DocumentStore.Options.FindOrResolveDocumentType(typeof(StoryVersion)).TableName.QualifiedName;
        // Kind and time are columns of their own; only a note's row is opened for its kind. Whether the story is
        // live follows from the kinds alone: a publish makes it live and an unpublish takes it down (Story.Evolve).
        await using var command = new NpgsqlCommand($"""
            select version, at, kind, case when kind = 'noted' then data ->> 'noteKind' end
            from {versions} where story_id = $1 order by version
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = storyId });
        var points = new List<TimelinePoint>();
        var live = false;
        await using var reader = await session.ExecuteReaderAsync(command, cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            var kind = reader.GetString(2);
            live = kind switch { "published" => true, "unpublished" => false, _ => live };
            NoteKind? noteKind = reader.IsDBNull(3) ? null : Enum.TryParse<NoteKind>(reader.GetString(3), true, out var k) ? k : null;
            points.Add(new TimelinePoint(reader.GetInt32(0), reader.GetFieldValue<DateTimeOffset>(1), kind, noteKind, live));
        }
        return points;
    }

    /// <summary>
    /// Versions <paramref name="from"/> to <paramref name="to"/>, newest first, with their size changes, and notes as
    /// the reader of the page may read them (<paramref name="redactions"/> applied; with any in force, no sizes).
    /// </summary>
    public static async Task<IReadOnlyList<HistoryRow>> PageAsync(IQuerySession session, Guid storyId, int from, int to,
        IReadOnlyList<Redaction> redactions, CancellationToken cancellation)
    {
        // One version more than the page, for the content the first of them changed from.
        var previous = from - 1;
        var rows = await session.Query<StoryVersion>()
            .Where(v => v.StoryId == storyId && v.Version >= previous && v.Version <= to)
            .OrderBy(v => v.Version)
            .ToListAsync(cancellation);
        var sizes = await SizesAsync(session, storyId, rows.Select(r => r.Story.ContentVersion).Distinct().ToArray(), cancellation);
        string? Shown(string? text) => text is null || redactions.Count == 0 ? text : RedactionRules.ApplyToNote(text, redactions);
        var page = new List<HistoryRow>();
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if (row.Version < from) continue;
            var before = i > 0 ? rows[i - 1].Story.ContentVersion : (int?)null;
            // Sizes count the stored text: to someone a redaction hides text from, they would tell its length.
            int? change = row.Story.ContentVersion != row.Version || redactions.Count > 0 ? null
                : sizes.GetValueOrDefault(row.Version) - (before is { } b ? sizes.GetValueOrDefault(b) : 0);
            page.Add(new HistoryRow(row, change, Shown(row.Note), Shown(row.NoteText)));
        }
        page.Reverse();
        return page;
    }

    /// <summary>The characters of content (every field and block) each content event saved.</summary>
    private static async Task<Dictionary<int, int>> SizesAsync(IQuerySession session, Guid storyId, int[] versions, CancellationToken cancellation)
    {
        var events = StoryLookup.EventsTable(session);
        await using var command = new NpgsqlCommand($"""
            select e.version,
                   coalesce(length(c ->> 'headline'), 0) + coalesce(length(c ->> 'shortHeadline'), 0)
                   + coalesce(length(c ->> 'standfirst'), 0) + coalesce(length(c ->> 'byline'), 0)
                   + coalesce((select sum(length(b ->> 'text')) from jsonb_array_elements(c -> 'body') b), 0)
            from {events} e, lateral (select e.data -> 'content' as c) content
            where e.stream_id = $1 and e.version = any($2)
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = storyId });
        command.Parameters.Add(new NpgsqlParameter { Value = versions.Select(v => (long)v).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
        var sizes = new Dictionary<int, int>();
        await using var reader = await session.ExecuteReaderAsync(command, cancellation);
        while (await reader.ReadAsync(cancellation)) sizes[(int)reader.GetInt64(0)] = Convert.ToInt32(reader.GetValue(1));
        return sizes;
    }
}
