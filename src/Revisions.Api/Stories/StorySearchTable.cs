using Marten;
using Npgsql;
using NpgsqlTypes;
using Weasel.Core;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

namespace Revisions.Api.Stories;

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
