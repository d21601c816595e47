using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Npgsql;
using Revisions.Api.Stories;
using Weasel.Core;
using Weasel.Postgresql;

namespace Revisions.Api.ReadModels;

/// <summary>What an erasure of text from one story does to a kind of stored document.</summary>
public abstract record EraseRule
{
    /// <summary>The story's rows are found by <paramref name="Column"/> and the text is masked in them.</summary>
    public sealed record MaskRows(string Column) : EraseRule;

    /// <summary>
    /// Raw captures of watched pages (gzipped WARC records): the story's rows are found by <paramref name="Column"/>,
    /// each record is unpacked, the text masked in its body and packed again (Watch/EraseCaptures.cs).
    /// </summary>
    public sealed record MaskCaptures(string Column) : EraseRule;

    /// <summary>The document never holds a story's text (hashes, versions, ids): nothing to mask, and why.</summary>
    public sealed record HoldsNoText(string Why) : EraseRule;

    /// <summary>
    /// The document holds text derived from the story's (names picked out, fields joined) that masking in place
    /// could miss: its projection folds the story's rows again from the masked events when the erasure is
    /// recorded (<c>TextErased</c>), and why that is enough.
    /// </summary>
    public sealed record Refolded(string How) : EraseRule;
}

/// <summary>
/// A table Revisions defines itself beside Marten's document tables, for what a document table cannot hold (a
/// column PostgreSQL generates from the row, such as a stored search vector). The catalogue has it created and
/// kept up to date with the rest of the schema; its projection writes it with SQL; the rebuild empties and
/// refills it. Its rows are the catalogue entry's documents, written into this table instead of Marten's.
/// </summary>
/// <param name="Name">The table's name, in the store's schema.</param>
/// <param name="Define">The table, and anything it needs (an extension), as Weasel creates and migrates them at start-up.</param>
/// <param name="InsertAsync">Writes rebuilt rows in bulk, keeping any row a commit wrote meanwhile.</param>
public sealed record OwnTable(
    string Name,
    Func<StoreOptions, SearchSettings, ISchemaObject[]> Define,
    Func<NpgsqlConnection, DbObjectName, IReadOnlyList<object>, CancellationToken, Task> InsertAsync)
{
    public DbObjectName Identifier(StoreOptions options) => new PostgresqlObjectName(options.DatabaseSchemaName, Name, SchemaUtils.IdentifierUsage.General);
}

/// <summary>
/// One kind of document Revisions stores besides its events: how it is built (its projection and when that
/// runs), indexed, rebuilt, compressed and erased. <see cref="Catalogue"/> lists them all; the event store's
/// registration, the rebuild, the erasure and the storage settings all read it, so a document added there is
/// covered everywhere at once, and one added anywhere else fails the catalogue's test.
/// </summary>
public sealed record ReadModel(Type Document, EraseRule Erase)
{
    /// <summary>
    /// Builds the document from events (a Marten projection or projection source); null for documents written
    /// directly (checkpoints, keys).
    /// </summary>
    public object? Projection { get; init; }

    public ProjectionLifecycle Lifecycle { get; init; } = ProjectionLifecycle.Inline;

    /// <summary>Indexes and duplicated columns.</summary>
    public Action<StoreOptions>? Schema { get; init; }

    /// <summary>
    /// How a rebuild makes the documents of one story from its events, in order; null for documents that are
    /// never rebuilt (evidence such as hash-chain links must not be re-derived from events that may be tampered with).
    /// </summary>
    public Func<IReadOnlyList<IEvent>, IEnumerable<object>>? Replay { get; init; }

    /// <summary>Large JSON (a story's content or state): stored compressed with LZ4 (Storage settings).</summary>
    public bool Compressed { get; init; }

    /// <summary>Set when the documents live in a table of Revisions' own rather than as Marten documents.</summary>
    public OwnTable? Table { get; init; }

    public bool Rebuilt => Replay is not null;

    public string Name => Projection?.GetType().Name ?? Document.Name;
}
