using System.Text.RegularExpressions;
using Marten;
using Marten.Pagination;
using Npgsql;
using NpgsqlTypes;
using Revisions.Domain.Stories;
using Weasel.Core;

namespace Revisions.Api.Stories;

/// <summary>A story a search found, and how well it matched (above 1: its words; below: a near match of a name).</summary>
public sealed record SearchHit(Story Story, double? Rank);

/// <summary>
/// What a list of stories is narrowed by besides the words searched for: changed at or after
/// <paramref name="ChangedSince"/>, last changed by <paramref name="LastEditor"/>, carrying an open stealth-edit flag.
/// </summary>
public sealed record StoryFilters(DateTimeOffset? ChangedSince = null, string? LastEditor = null, bool OpenFlag = false)
{
    public static readonly StoryFilters None = new();

    /// <summary>The stories of <paramref name="stories"/> that pass, for a list without a search.</summary>
    public IQueryable<StoryState> Apply(IQueryable<StoryState> stories)
    {
        if (ChangedSince is { } since) stories = stories.Where(s => s.UpdatedAt >= since);
        if (LastEditor is { } editor) stories = stories.Where(s => s.LastEditor == editor);
        if (OpenFlag) stories = stories.Where(s => s.OpenFlags.Any());
        return stories;
    }
}

public static class StorySearches
{
    public const int MaxTextLength = 200;

    /// <summary>Why <paramref name="text"/> cannot be searched for, in words for whoever typed it; null when it can.</summary>
    public static (string Title, string Detail)? Unsearchable(string? text) =>
        text?.Length > MaxTextLength ? ("The search is too long", $"Search for at most {MaxTextLength} characters.")
        // PostgreSQL text cannot hold NUL, and no headline or paragraph holds any control character to match.
        : text is not null && text.Any(char.IsControl) ? ("The search holds a control character", "Search for words and names, without control characters.")
        : null;

    /// <summary>
    /// A page of the story list: with <paramref name="text"/>, the search's matches best first (<see cref="FindAsync(IQuerySession, SearchSettings, string, StoryStatus?, StoryFilters, Http.Paging, CancellationToken)"/>);
    /// without, every story most recently changed first (no rank). Narrowed by status and filters either way.
    /// </summary>
    public static async Task<(IReadOnlyList<SearchHit> Hits, long Total)> ListAsync(IQuerySession session, SearchSettings settings,
        string? text, StoryStatus? status, StoryFilters filters, Http.Paging paging, CancellationToken cancellation)
    {
        if (!string.IsNullOrEmpty(text)) return await FindAsync(session, settings, text, status, filters, paging, cancellation);
        var stories = filters.Apply(session.Query<StoryState>());
        if (status is { } wanted) stories = stories.Where(s => s.Status == wanted);
        var found = await stories.OrderByDescending(s => s.UpdatedAt).ToPagedListAsync(paging.Page, paging.Size, cancellation);
        var whole = await StoryLookup.WithContentAsync(session, [.. found], cancellation);
        return (whole.Select(s => new SearchHit(s, null)).ToList(), found.TotalItemCount);
    }

    /// <summary>
    /// The newsroom's search: stories whose latest content or notes contain the words of <paramref name="text"/>
    /// (web-search syntax: "a phrase", or, -without), ranked by where they match (headline first) and how often;
    /// then stories with a name like one asked for (a misspelling), by how alike. Drafts included: the newsroom
    /// searches what it is writing.
    /// </summary>
    public static async Task<(IReadOnlyList<SearchHit> Hits, long Total)> FindAsync(IQuerySession session, SearchSettings settings,
        string text, StoryStatus? status, Http.Paging paging, CancellationToken cancellation) =>
        await FindAsync(session, settings, text, status, StoryFilters.None, paging, cancellation);

    /// <inheritdoc cref="FindAsync(IQuerySession, SearchSettings, string, StoryStatus?, Http.Paging, CancellationToken)"/>
    public static async Task<(IReadOnlyList<SearchHit> Hits, long Total)> FindAsync(IQuerySession session, SearchSettings settings,
        string text, StoryStatus? status, StoryFilters filters, Http.Paging paging, CancellationToken cancellation)
    {
        var options = session.DocumentStore.Options;
        var search = StorySearchTable.Identifier((StoreOptions)options);
        var stories = StoryLookup.StoriesTable(session);
        var near = NearMatchesOf(text);
        // Saves queue their story's row rather than write it (StorySearchProjection): what any of them left is
        // written first, so the search finds everything saved before it began.
        await StorySearchIndexer.BeforeSearchAsync(session, cancellation);
        // The matches are found (both conditions by their GIN indexes: a bitmap OR), ranked, counted and cut to
        // the page in the index alone; only the page's stories are read. A story is published exactly while it has
        // a live row, so the status filter needs nothing else either.
        await using var command = new NpgsqlCommand($"""
            with page as (
              select story_id, rank, count(*) over () as total
              from (
                select s.story_id,
                       case when s.vector @@ websearch_to_tsquery($1::regconfig, $2) then 1 + ts_rank(s.vector, websearch_to_tsquery($1::regconfig, $2))
                            else {(near is null ? "0" : "strict_word_similarity($6, s.names)")} end as rank
                from {search} s
                where {Matching(search, near is null ? null : "$6")} and {Passing(stories)}
              ) found
              order by rank desc, story_id desc
              limit $4 offset $5
            )
            select d.data, e.data -> 'content', page.rank, page.total
            from page join {stories} d on d.id = page.story_id
            join {StoryLookup.EventsTable(session)} e on e.stream_id = d.id and e.version = (d.data ->> 'contentVersion')::bigint
            order by page.rank desc, page.story_id desc
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = settings.Language });
        command.Parameters.Add(new NpgsqlParameter { Value = text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)status?.ToString().ToLowerInvariant() ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = paging.Size });
        command.Parameters.Add(new NpgsqlParameter { Value = paging.Skip });
        AddNearAndFilters(command, near, filters);
        var hits = new List<SearchHit>();
        long total = 0;
        await using var reader = await session.ExecuteReaderAsync(command, cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            var state = await options.Serializer().FromJsonAsync<StoryState>(reader, 0, cancellation);
            var content = await options.Serializer().FromJsonAsync<StoryContent>(reader, 1, cancellation);
            hits.Add(new SearchHit(new Story(state, content), reader.GetDouble(2)));
            total = reader.GetInt64(3);
        }
        // A page past the last has no rows to count on: count the matches alone.
        if (hits.Count == 0 && paging.Page > 1) total = await CountAsync(session, search, stories, settings, text, status, filters, cancellation);
        return (hits, total);
    }

    private static async Task<long> CountAsync(IQuerySession session, DbObjectName search, string stories, SearchSettings settings, string text,
        StoryStatus? status, StoryFilters filters, CancellationToken cancellation)
    {
        var near = NearMatchesOf(text);
        await using var command = new NpgsqlCommand($"select count(*) from {search} s where {Matching(search, near is null ? null : "$6")} and {Passing(stories)}");
        command.Parameters.Add(new NpgsqlParameter { Value = settings.Language });
        command.Parameters.Add(new NpgsqlParameter { Value = text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)status?.ToString().ToLowerInvariant() ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        // $4 and $5 are the page's size and offset in the query this count stands in for.
        command.Parameters.Add(new NpgsqlParameter { Value = 0 });
        command.Parameters.Add(new NpgsqlParameter { Value = 0 });
        AddNearAndFilters(command, near, filters);
        await using var reader = await session.ExecuteReaderAsync(command, cancellation);
        return await reader.ReadAsync(cancellation) ? reader.GetInt64(0) : 0;
    }

    /// <summary>$6 the near-match text (null, and then unused, when none is looked for), $7 to $9 the filters, as <see cref="Passing"/> reads them.</summary>
    private static void AddNearAndFilters(NpgsqlCommand command, string? near, StoryFilters filters)
    {
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)near ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)filters.ChangedSince?.ToUniversalTime() ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)filters.LastEditor ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = filters.OpenFlag, NpgsqlDbType = NpgsqlDbType.Boolean });
    }

    /// <summary>
    /// The filters beyond the words ($7 changed since, $8 last editor, $9 an open flag), read from the stored story;
    /// with none given the condition is true without reading it.
    /// </summary>
    private static string Passing(string stories) => $"""
        (($7::timestamptz is null and $8::text is null and not $9) or exists (
          select 1 from {stories} f where f.id = s.story_id
            and ($7::timestamptz is null or (f.data ->> 'updatedAt')::timestamptz >= $7)
            and ($8::text is null or f.data ->> 'lastEditor' = $8)
            and (not $9 or jsonb_array_length(f.data -> 'openFlags') > 0)))
        """;

    /// <summary>
    /// The newsroom rows a search matches ($1 language, $2 search, $3 status or null, <paramref name="near"/> the
    /// near-match text, if near matches are looked for: an empty text would make the trigram index read itself
    /// whole). The live row's presence is the story's status: published exactly while it has one.
    /// </summary>
    private static string Matching(DbObjectName search, string? near) => $"""
        s.scope = '{StorySearch.Newsroom}' and (s.vector @@ websearch_to_tsquery($1::regconfig, $2){(near is null ? "" : $" or {near} <<% s.names")})
          and ($3::text is null or exists (select 1 from {search} live where live.story_id = s.story_id and live.scope = '{StorySearch.Live}') = ($3 = 'published'))
        """;

    /// <summary>
    /// What near matches are looked for: the search as typed, unless it asks for an exact phrase or excludes a
    /// word, which a near match would not honour; null then.
    /// </summary>
    private static string? NearMatchesOf(string text) => text.Contains('"') || Regex.IsMatch(text, @"(^|\s)-\S") ? null : text;

    /// <summary>
    /// Published stories other than <paramref name="except"/> whose live text has the words of
    /// <paramref name="phrase"/> in that order, found through the search index; the caller checks the exact
    /// words. A phrase of nothing but words too common to index (stop words) is looked for in the live text
    /// directly, with any % or _ in it taken literally.
    /// </summary>
    public static async Task<IReadOnlyList<Guid>> LiveWithPhraseAsync(IQuerySession session, SearchSettings settings, string phrase, Guid except,
        int limit, CancellationToken cancellation)
    {
        var search = StorySearchTable.Identifier((StoreOptions)session.DocumentStore.Options);
        // Two branches, of which the query's words decide one: the first reads the index; the second, for a
        // phrase with no word to index, the live rows' text.
        await using var command = new NpgsqlCommand($"""
            (select story_id from {search}
             where scope = '{StorySearch.Live}' and story_id <> $3 and vector @@ phraseto_tsquery($1::regconfig, $2)
             limit $5)
            union all
            (select story_id from {search}
             where scope = '{StorySearch.Live}' and story_id <> $3 and numnode(phraseto_tsquery($1::regconfig, $2)) = 0
               and concat_ws(E'\n', headline, standfirst, body) ilike $4
             limit $5)
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = settings.Language });
        command.Parameters.Add(new NpgsqlParameter { Value = phrase });
        command.Parameters.Add(new NpgsqlParameter { Value = except });
        command.Parameters.Add(new NpgsqlParameter { Value = "%" + LikeLiteral(phrase) + "%" });
        command.Parameters.Add(new NpgsqlParameter { Value = limit });
        var ids = new List<Guid>();
        await using var reader = await session.ExecuteReaderAsync(command, cancellation);
        while (await reader.ReadAsync(cancellation)) ids.Add(reader.GetGuid(0));
        return ids;
    }

    /// <summary>The text as a LIKE pattern that matches it literally: %, _ and the escape character escaped.</summary>
    public static string LikeLiteral(string text) => text.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_");
}
