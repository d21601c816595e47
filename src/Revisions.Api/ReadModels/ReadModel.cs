using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;

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

    public bool Rebuilt => Replay is not null;

    public string Name => Projection?.GetType().Name ?? Document.Name;
}
