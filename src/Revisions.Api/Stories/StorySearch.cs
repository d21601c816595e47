using System.Text.RegularExpressions;
using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using Npgsql;
using NpgsqlTypes;
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
    /// <summary>The story's version the newsroom row's content was taken at: the indexer never writes older content over newer.</summary>
    public long Version { get; init; }

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
        if (story is not null) rows.Add(NewsroomOf(storyId, story.Content, story.Redactions, notes) with { Version = story.Version });
        if (live is not null) rows.Add(Of(storyId, Live, live, null));
        return rows;
    }

    /// <summary>
    /// The words a misspelling should still find: every word of the headline, and every capitalised word
    /// elsewhere — names of people, places and organisations — each once, in the order they first appear.
    /// </summary>
    public static string NamesIn(StoryContent content)
    {
        // Runs on every save over the whole text: words are looked at where they stand, and only a name kept
        // becomes a string of its own.
        var names = new System.Text.StringBuilder();
        var count = 0;
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var lookup = seen.GetAlternateLookup<ReadOnlySpan<char>>();
        void Add(string? text, bool every)
        {
            if (text is null) return;
            foreach (var word in WordPattern.EnumerateMatches(text))
            {
                if (count >= MaxNames) return;
                var span = text.AsSpan(word.Index, word.Length);
                if ((!every && !char.IsUpper(span[0])) || !lookup.Add(span)) continue;
                if (count++ > 0) names.Append(' ');
                names.Append(span);
            }
        }
        Add(content.Headline, every: true);
        Add(content.ShortHeadline, every: true);
        Add(content.Standfirst, every: false);
        Add(content.Byline, every: false);
        foreach (var block in content.Body) Add(block.Text, every: false);
        return names.ToString();
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
/// The catalogue (ReadModels/Catalogue.cs) registers it as the search documents' own table.
/// </summary>
public static class StorySearchTable
{
    public const string Name = "story_search";

    public static DbObjectName Identifier(StoreOptions options) => new PostgresqlObjectName(options.DatabaseSchemaName, Name, SchemaUtils.IdentifierUsage.General);

    public static ISchemaObject[] Define(StoreOptions options, SearchSettings settings)
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
        table.AddColumn<long>("version").NotNull().DefaultValueByExpression("0");
        // Written as PostgreSQL prints it back, so the schema check sees no difference at the next start.
        table.AddColumn("vector", "tsvector").GeneratedAs(
            "((setweight(to_tsvector(language, headline), 'A'::\"char\") || setweight(to_tsvector(language, COALESCE(standfirst, ''::text)), 'B'::\"char\")) " +
            "|| setweight(to_tsvector(language, body), 'C'::\"char\")) || setweight(to_tsvector(language, COALESCE(notes, ''::text)), 'D'::\"char\")");
        table.Indexes.Add(new IndexDefinition("story_search_vector") { Columns = ["vector"], Method = IndexMethod.gin });
        table.Indexes.Add(new IndexDefinition("story_search_names") { Columns = ["names"], Method = IndexMethod.gin, Mask = "? gin_trgm_ops" });
        // Trigram matching comes with PostgreSQL's contrib modules (Debian's postgresql package includes them).
        return [new Extension("pg_trgm"), table, DefinePending(options)];
    }

    /// <summary>The stories whose newsroom row waits for their latest content (<see cref="StorySearchIndexer"/>).</summary>
    public const string PendingName = "story_search_pending";

    public static DbObjectName PendingIdentifier(StoreOptions options) => new PostgresqlObjectName(options.DatabaseSchemaName, PendingName, SchemaUtils.IdentifierUsage.General);

    private static Table DefinePending(StoreOptions options)
    {
        // One row per save, only ever inserted: a save never waits for an indexer (or another save) on a row.
        var pending = new Table(PendingIdentifier(options)) { DetectColumnDrift = true };
        pending.AddColumn<Guid>("story_id").AsPrimaryKey();
        pending.AddColumn<long>("version").AsPrimaryKey();
        pending.AddColumn("queued_at", "timestamp with time zone").NotNull().DefaultValueByExpression("now()");
        return pending;
    }

    public static async Task InsertAsync(NpgsqlConnection connection, DbObjectName table, IReadOnlyList<object> rows, CancellationToken cancellation)
    {
        var search = rows.Cast<StorySearch>().ToList();
        // A row already there was written by a commit made while the rebuild runs: it is kept.
        await using var insert = new NpgsqlCommand(
            $"insert into {table} (story_id, scope, headline, standfirst, body, notes, names, version) " +
            "select * from unnest(@ids, @scopes, @headlines, @standfirsts, @bodies, @notes, @names, @versions) on conflict do nothing", connection);
        insert.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = search.Select(r => r.StoryId).ToArray() });
        Texts(insert, "scopes", search.Select(r => r.Scope));
        Texts(insert, "headlines", search.Select(r => r.Headline));
        Texts(insert, "standfirsts", search.Select(r => r.Standfirst));
        Texts(insert, "bodies", search.Select(r => r.Body));
        Texts(insert, "notes", search.Select(r => r.Notes));
        Texts(insert, "names", search.Select(r => r.Names));
        insert.Parameters.Add(new NpgsqlParameter("versions", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = search.Select(r => r.Version).ToArray() });
        await insert.ExecuteNonQueryAsync(cancellation);
    }

    internal static void Texts(NpgsqlCommand command, string name, IEnumerable<string?> values) =>
        command.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = values.ToArray() });
}

/// <summary>
/// Keeps the search index in step with each save, in its transaction. A save of content to a story that exists
/// only queues the story (<see cref="StorySearchTable.PendingName"/>): computing a row's weighted vector parses
/// and stems the whole story and was most of what a save cost PostgreSQL, while an editor saving every few
/// seconds needs it only for the next search. <see cref="StorySearchIndexer"/> writes the newest content of the
/// queued stories in the background, once however many saves came in between, and every newsroom search writes
/// what is still queued before it reads, so a search always finds what was saved before it began.
/// A new story's row is written at once, as are a typed note's text, the live row of a publish (public, so never
/// left for later) and its removal at a takedown. What the newsroom row may hold depends on the redactions in
/// force, so a redaction, the lifting of one or an erasure folds the story's rows again from its events as
/// stored — an erasure has just masked them (the catalogue's <c>EraseRule.Refolded</c>). Every row written here
/// carries the version its content was taken at, and the indexer writes only over older content, so content it
/// read before a redaction never replaces the rows the redaction folded.
/// </summary>
public sealed class StorySearchProjection : IProjection
{
    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        var options = (StoreOptions)operations.DocumentStore.Options;
        var table = StorySearchTable.Identifier(options);
        var pending = StorySearchTable.PendingIdentifier(options);
        foreach (var stream in events.Where(e => e.Data is IStoryEvent).GroupBy(e => e.StreamId))
        {
            var ordered = stream.OrderBy(e => e.Version).ToList();
            if (ordered.Any(e => e.Data is TextErased or StoryRedacted or RedactionLifted))
            {
                await RefoldAsync(operations, table, stream.Key, ordered, cancellation);
                continue;
            }

            var created = ordered[0].Data is StoryCreated;
            var saved = ordered.LastOrDefault(e => e.Data is IContentEvent)?.Data as IContentEvent;
            if (saved is not null && !created) Queue(operations, pending, stream.Key, ordered[^1].Version);
            var noted = ordered.Select(e => e.Data).OfType<StoryNoted>().ToList();
            if ((saved is not null && created) || noted.Count > 0)
            {
                IReadOnlyList<Redaction> redactions = created ? [] : await RedactionsAsync(operations, stream.Key, cancellation);
                if (saved is not null && created)
                    Write(operations, table, StorySearch.NewsroomOf(stream.Key, saved.Content, redactions, []) with { Version = ordered[^1].Version });
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

    /// <summary>Queues the story for <see cref="StorySearchIndexer"/>, which writes it once however many saves wait.</summary>
    private static void Queue(IDocumentOperations operations, DbObjectName pending, Guid storyId, long version) =>
        operations.QueueSqlCommand($"insert into {pending} (story_id, version) values (?, ?) on conflict do nothing", storyId, version);

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
            $"insert into {table} (story_id, scope, headline, standfirst, body, names, version) values (?, ?, ?, ?::text, ?, ?, ?) " +
            "on conflict (story_id, scope) do update set headline = excluded.headline, standfirst = excluded.standfirst, " +
            "body = excluded.body, names = excluded.names, version = excluded.version, language = default",
            row.StoryId, row.Scope, row.Headline, (object?)row.Standfirst ?? DBNull.Value, row.Body, row.Names, row.Version);

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
                $"insert into {table} (story_id, scope, headline, standfirst, body, notes, names, version) values (?, ?, ?, ?::text, ?, ?::text, ?, ?)",
                row.StoryId, row.Scope, row.Headline, (object?)row.Standfirst ?? DBNull.Value, row.Body, (object?)row.Notes ?? DBNull.Value, row.Names, row.Version);
        }
    }
}
