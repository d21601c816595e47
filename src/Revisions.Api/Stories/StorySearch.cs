using System.Text.RegularExpressions;
using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using Npgsql;
using NpgsqlTypes;
using Revisions.Api.ReadModels;
using Revisions.Domain.Corrections;
using Revisions.Domain.Legal;
using Revisions.Domain.Stories;
using Weasel.Core;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Revisions.Api.Stories;

/// <summary>
/// The PostgreSQL text search configuration stories are indexed and searched with (<c>Revisions:Search:Language</c>,
/// default <c>english</c>): it decides how words are split, which are too common to index (stop words) and how
/// they are stemmed ("resigned" finds "resign"). <c>simple</c> stems nothing and suits a newsroom writing in
/// several languages; <c>german</c>, <c>french</c>, … suit one writing in one (<c>select cfgname from pg_ts_config</c>).
/// </summary>
public sealed record SearchSettings(string Language)
{
    public const string Section = "Revisions:Search";
    public static readonly SearchSettings Default = new("english");

    public static SearchSettings From(IConfiguration configuration)
    {
        var language = configuration[$"{Section}:Language"]?.Trim() ?? Default.Language;
        // The name is written into the index's definition, so it must be a plain identifier.
        if (!Regex.IsMatch(language, "^[A-Za-z_][A-Za-z0-9_]{0,62}$"))
            throw new InvalidOperationException($"{Section}:Language '{language}' is not the name of a PostgreSQL text search configuration, such as english or simple.");
        return new SearchSettings(language.ToLowerInvariant());
    }
}

/// <summary>
/// One row of the search index: a story's text as one audience may search it. The <see cref="Newsroom"/> row
/// holds the latest content, drafts included, and the text of its typed notes, as every newsroom role but legal
/// sees them: with the redactions in force applied, so no search finds a story by withdrawn words. The
/// <see cref="Live"/> row holds the content that is published, while it is, as published: the corrections' sibling
/// search reads it and checks what it finds against the text the caller may see. PostgreSQL keeps a weighted
/// <c>tsvector</c> of each row (headline above standfirst above body above notes) and a trigram index of its
/// <see cref="Names"/>, so a search is ranked and a misspelt name still finds its story.
/// </summary>
public sealed record StorySearch(Guid StoryId, string Scope, string Headline, string? Standfirst, string Body, string? Notes, string Names)
{
    public const string Newsroom = "newsroom";
    public const string Live = "live";

    /// <summary>At most this many names per story go to the trigram index: enough for any real story, bounded for any input.</summary>
    public const int MaxNames = 1_000;

    public static StorySearch Of(Guid storyId, string scope, StoryContent content, string? notes) => new(
        storyId, scope,
        Join(content.Headline, content.ShortHeadline) ?? "",
        Join(content.Standfirst),
        Join([content.Byline, .. content.Body.Select(b => b.Text)]) ?? "",
        notes,
        NamesIn(content));

    /// <summary>The newsroom row of <paramref name="content"/> and its notes, with <paramref name="redactions"/> applied.</summary>
    public static StorySearch NewsroomOf(Guid storyId, StoryContent content, IReadOnlyList<Redaction> redactions, IEnumerable<string> notes) =>
        Of(storyId, Newsroom, RedactionRules.Apply(content, redactions), Join([.. notes.Select(n => RedactedNote(n, redactions))]));

    /// <summary>A note's text as the newsroom row holds it: what a redaction withdraws left out.</summary>
    public static string RedactedNote(string text, IReadOnlyList<Redaction> redactions) => RedactionRules.ApplyToNote(text, redactions);

    /// <summary>
    /// The rows a story's events leave: its latest content with every typed note, redacted as the redactions in
    /// force say, and the content published last unless the story was taken down since. The rebuild folds whole
    /// streams with it; so does the projection when a redaction or an erasure changes what may be found.
    /// </summary>
    public static IReadOnlyList<StorySearch> Fold(Guid storyId, IEnumerable<IEvent> events)
    {
        Story? story = null;
        StoryContent? live = null;
        var notes = new List<string>();
        foreach (var e in events.Where(e => e.Data is IStoryEvent))
        {
            story = Story.Evolve(story, e.Data, (int)e.Version, EventTime.Of(e));
            switch (e.Data)
            {
                case StoryNoted noted: notes.Add(noted.Text); break;
                case StoryPublished published: live = published.Content; break;
                case StoryUnpublished: live = null; break;
            }
        }
        var rows = new List<StorySearch>();
        if (story is not null) rows.Add(NewsroomOf(storyId, story.Content, story.Redactions, notes));
        if (live is not null) rows.Add(Of(storyId, Live, live, null));
        return rows;
    }

    /// <summary>
    /// The words a misspelling should still find: every word of the headline, and every capitalised word
    /// elsewhere — names of people, places and organisations — each once, in the order they first appear.
    /// </summary>
    public static string NamesIn(StoryContent content)
    {
        var names = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        void Add(string? text, bool every)
        {
            if (text is null) return;
            foreach (Match word in WordPattern.Matches(text))
                if (names.Count < MaxNames && (every || char.IsUpper(word.Value[0])) && seen.Add(word.Value)) names.Add(word.Value);
        }
        Add(content.Headline, every: true);
        Add(content.ShortHeadline, every: true);
        foreach (var text in new[] { content.Standfirst, content.Byline }.Concat(content.Body.Select(b => b.Text))) Add(text, every: false);
        return string.Join(' ', names);
    }

    private static readonly Regex WordPattern = new(@"[\p{L}\p{N}]+(?:['’\-][\p{L}\p{N}]+)*", RegexOptions.Compiled);

    /// <summary>The texts on lines of their own; the redaction marker is no text to find, so it is left out.</summary>
    private static string? Join(params string?[] parts)
    {
        var present = parts.Select(p => p?.Replace(RedactionRules.Marker, "").Trim()).Where(p => !string.IsNullOrEmpty(p)).ToList();
        return present.Count == 0 ? null : string.Join('\n', present);
    }
}

/// <summary>
/// The search index's table. It is a table of its own rather than a Marten document because ranking needs each
/// row's <c>tsvector</c> stored, not recomputed for every match (which took seconds for a common word over
/// 10,000 stories), and a stored vector is a column PostgreSQL generates from the row: a document table
/// cannot hold one. The language is the table's default, so rows take it when written and a change of setting
/// applies to rows written afterwards (a rebuild rewrites them all).
/// </summary>
public sealed class StorySearchTable : OwnTable
{
    public override string Name => "story_search";

    public override ISchemaObject[] Define(StoreOptions options, SearchSettings settings)
    {
        var table = new Table(Identifier(options)) { DetectColumnDrift = true };
        table.AddColumn<Guid>("story_id").AsPrimaryKey();
        table.AddColumn<string>("scope").AsPrimaryKey();
        table.AddColumn("language", "regconfig").NotNull().DefaultValueByExpression($"'{settings.Language}'::regconfig");
        table.AddColumn<string>("headline").NotNull();
        table.AddColumn<string>("standfirst").AllowNulls();
        table.AddColumn<string>("body").NotNull();
        table.AddColumn<string>("notes").AllowNulls();
        table.AddColumn<string>("names").NotNull();
        // Written as PostgreSQL prints it back, so the schema check sees no difference at the next start.
        table.AddColumn("vector", "tsvector").GeneratedAs(
            "((setweight(to_tsvector(language, headline), 'A'::\"char\") || setweight(to_tsvector(language, COALESCE(standfirst, ''::text)), 'B'::\"char\")) " +
            "|| setweight(to_tsvector(language, body), 'C'::\"char\")) || setweight(to_tsvector(language, COALESCE(notes, ''::text)), 'D'::\"char\")");
        table.Indexes.Add(new IndexDefinition("story_search_vector") { Columns = ["vector"], Method = IndexMethod.gin });
        table.Indexes.Add(new IndexDefinition("story_search_names") { Columns = ["names"], Method = IndexMethod.gin, Mask = "? gin_trgm_ops" });
        // Trigram matching comes with PostgreSQL's contrib modules (Debian's postgresql package includes them).
        return [new Extension("pg_trgm"), table];
    }

    public override async Task InsertAsync(NpgsqlConnection connection, DbObjectName table, IReadOnlyList<object> rows, CancellationToken cancellation)
    {
        var search = rows.Cast<StorySearch>().ToList();
        // A row already there was written by a commit made while the rebuild runs: it is kept.
        await using var insert = new NpgsqlCommand(
            $"insert into {table} (story_id, scope, headline, standfirst, body, notes, names) " +
            "select * from unnest(@ids, @scopes, @headlines, @standfirsts, @bodies, @notes, @names) on conflict do nothing", connection);
        insert.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = search.Select(r => r.StoryId).ToArray() });
        Texts(insert, "scopes", search.Select(r => r.Scope));
        Texts(insert, "headlines", search.Select(r => r.Headline));
        Texts(insert, "standfirsts", search.Select(r => r.Standfirst));
        Texts(insert, "bodies", search.Select(r => r.Body));
        Texts(insert, "notes", search.Select(r => r.Notes));
        Texts(insert, "names", search.Select(r => r.Names));
        await insert.ExecuteNonQueryAsync(cancellation);
    }

    private static void Texts(NpgsqlCommand command, string name, IEnumerable<string?> values) =>
        command.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = values.ToArray() });
}

/// <summary>
/// Keeps the search index in step with each save, in its transaction: a save of content rewrites the newsroom
/// row (its notes kept), a typed note adds its text to it, a publish rewrites the live row and a takedown removes
/// it. What the newsroom row may hold depends on the redactions in force, so a save reads them first (a new
/// story has none), and a redaction, the lifting of one or an erasure folds the story's rows again from its
/// events as stored — an erasure has just masked them (<see cref="EraseRule.Refolded"/>).
/// </summary>
public sealed class StorySearchProjection : IProjection
{
    private static readonly StorySearchTable Table = new();

    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        var table = Table.Identifier((StoreOptions)operations.DocumentStore.Options);
        foreach (var stream in events.Where(e => e.Data is IStoryEvent).GroupBy(e => e.StreamId))
        {
            var ordered = stream.OrderBy(e => e.Version).ToList();
            if (ordered.Any(e => e.Data is TextErased or StoryRedacted or RedactionLifted))
            {
                await RefoldAsync(operations, table, stream.Key, ordered, cancellation);
                continue;
            }

            var saved = ordered.LastOrDefault(e => e.Data is IContentEvent)?.Data as IContentEvent;
            var noted = ordered.Select(e => e.Data).OfType<StoryNoted>().ToList();
            if (saved is not null || noted.Count > 0)
            {
                IReadOnlyList<Redaction> redactions = ordered[0].Data is StoryCreated ? [] : await RedactionsAsync(operations, stream.Key, cancellation);
                if (saved is not null) Write(operations, table, StorySearch.NewsroomOf(stream.Key, saved.Content, redactions, []));
                foreach (var note in noted)
                {
                    operations.QueueSqlCommand($"update {table} set notes = concat_ws(E'\\n', notes, nullif(?::text, '')) where story_id = ? and scope = ?",
                        StorySearch.RedactedNote(note.Text, redactions).Replace(RedactionRules.Marker, "").Trim(), stream.Key, StorySearch.Newsroom);
                }
            }
            switch (ordered.LastOrDefault(e => e.Data is StoryPublished or StoryUnpublished)?.Data)
            {
                case StoryPublished published:
                    Write(operations, table, StorySearch.Of(stream.Key, StorySearch.Live, published.Content, null));
                    break;
                case StoryUnpublished:
                    operations.QueueSqlCommand($"delete from {table} where story_id = ? and scope = ?", stream.Key, StorySearch.Live);
                    break;
            }
        }
    }

    /// <summary>
    /// The redactions in force before this save, as the story's state holds them. A save through the write
    /// pipeline fetched that state for writing, and the session keeps it (UseIdentityMapForAggregates), so this
    /// costs no round trip.
    /// </summary>
    private static async Task<IReadOnlyList<Redaction>> RedactionsAsync(IDocumentOperations operations, Guid storyId, CancellationToken cancellation) =>
        (await operations.LoadAsync<Story>(storyId, cancellation))?.Redactions ?? [];

    /// <summary>Writes a row's text over the one stored, keeping the newsroom row's notes, in the language now configured.</summary>
    private static void Write(IDocumentOperations operations, DbObjectName table, StorySearch row) =>
        operations.QueueSqlCommand(
            $"insert into {table} (story_id, scope, headline, standfirst, body, names) values (?, ?, ?, ?::text, ?, ?) " +
            "on conflict (story_id, scope) do update set headline = excluded.headline, standfirst = excluded.standfirst, " +
            "body = excluded.body, names = excluded.names, language = default",
            row.StoryId, row.Scope, row.Headline, (object?)row.Standfirst ?? DBNull.Value, row.Body, row.Names);

    /// <summary>
    /// The story's rows made again from its events as they are stored now — an erasure has just masked them in
    /// this transaction — and the events of this save, which carry the redactions' changes.
    /// </summary>
    private static async Task RefoldAsync(IDocumentOperations operations, DbObjectName table, Guid storyId, List<IEvent> saving, CancellationToken cancellation)
    {
        var stored = await operations.Events.FetchStreamAsync(storyId, token: cancellation);
        var last = stored.Count == 0 ? 0 : stored[^1].Version;
        var rows = StorySearch.Fold(storyId, stored.Concat(saving.Where(e => e.Version > last)));
        operations.QueueSqlCommand($"delete from {table} where story_id = ?", storyId);
        foreach (var row in rows)
        {
            operations.QueueSqlCommand(
                $"insert into {table} (story_id, scope, headline, standfirst, body, notes, names) values (?, ?, ?, ?::text, ?, ?::text, ?)",
                row.StoryId, row.Scope, row.Headline, (object?)row.Standfirst ?? DBNull.Value, row.Body, (object?)row.Notes ?? DBNull.Value, row.Names);
        }
    }
}

/// <summary>A story a search found, and how well it matched (above 1: its words; below: a near match of a name).</summary>
public sealed record SearchHit(Story Story, double Rank);

public static class StorySearches
{
    /// <summary>
    /// The newsroom's search: stories whose latest content or notes contain the words of <paramref name="text"/>
    /// (web-search syntax: "a phrase", or, -without), ranked by where they match (headline first) and how often;
    /// then stories with a name like one asked for (a misspelling), by how alike. Drafts included: the newsroom
    /// searches what it is writing.
    /// </summary>
    public static async Task<(IReadOnlyList<SearchHit> Hits, long Total)> FindAsync(IQuerySession session, SearchSettings settings,
        string text, StoryStatus? status, Http.Paging paging, CancellationToken cancellation)
    {
        var options = session.DocumentStore.Options;
        var search = new StorySearchTable().Identifier((StoreOptions)options);
        var stories = options.FindOrResolveDocumentType(typeof(Story)).TableName.QualifiedName;
        var near = NearMatchesOf(text);
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
                where {Matching(search, near is null ? null : "$6")}
              ) found
              order by rank desc, story_id desc
              limit $4 offset $5
            )
            select d.data, page.rank, page.total
            from page join {stories} d on d.id = page.story_id
            order by page.rank desc, page.story_id desc
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = settings.Language });
        command.Parameters.Add(new NpgsqlParameter { Value = text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)status?.ToString().ToLowerInvariant() ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = paging.Size });
        command.Parameters.Add(new NpgsqlParameter { Value = paging.Skip });
        if (near is not null) command.Parameters.Add(new NpgsqlParameter { Value = near });
        var hits = new List<SearchHit>();
        long total = 0;
        await using var reader = await session.ExecuteReaderAsync(command, cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            var story = await options.Serializer().FromJsonAsync<Story>(reader, 0, cancellation);
            hits.Add(new SearchHit(story, reader.GetDouble(1)));
            total = reader.GetInt64(2);
        }
        // A page past the last has no rows to count on: count the matches alone.
        if (hits.Count == 0 && paging.Page > 1) total = await CountAsync(session, search, settings, text, status, cancellation);
        return (hits, total);
    }

    private static async Task<long> CountAsync(IQuerySession session, DbObjectName search, SearchSettings settings, string text,
        StoryStatus? status, CancellationToken cancellation)
    {
        var near = NearMatchesOf(text);
        await using var command = new NpgsqlCommand($"select count(*) from {search} s where {Matching(search, near is null ? null : "$4")}");
        command.Parameters.Add(new NpgsqlParameter { Value = settings.Language });
        command.Parameters.Add(new NpgsqlParameter { Value = text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)status?.ToString().ToLowerInvariant() ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        if (near is not null) command.Parameters.Add(new NpgsqlParameter { Value = near });
        await using var reader = await session.ExecuteReaderAsync(command, cancellation);
        return await reader.ReadAsync(cancellation) ? reader.GetInt64(0) : 0;
    }

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
        var search = new StorySearchTable().Identifier((StoreOptions)session.DocumentStore.Options);
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
