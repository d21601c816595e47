using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using Npgsql;
using Revisions.Diff.Classification;
using Revisions.Domain.Corrections;
using Revisions.Domain.Stories;

namespace Revisions.Api.Stories;

/// <summary>
/// One version of a story: who made it, when and why, what kind of change it was, and the story's state
/// after it (<see cref="StoryState"/>, everything but the content). The version list, the public timeline and
/// as-of reads come from these rows instead of replaying events. A row keeps no copy of the content: the
/// content event at <see cref="StoryState.ContentVersion"/> holds it whole already, and copying it into every
/// row was most of what a save and a rebuild wrote. <see cref="LoadAsync"/> and <see cref="StandingAtAsync"/>
/// read a version with its content.
/// </summary>
public sealed record StoryVersion
{
    public string Id { get; init; } = "";
    public Guid StoryId { get; init; }
    public int Version { get; init; }
    public string Kind { get; init; } = "";
    public DateTimeOffset At { get; init; }
    public string Editor { get; init; } = "";
    public string? Note { get; init; }
    /// <summary>For a typed note (<c>noted</c>): its kind, its text and the content version it is about.</summary>
    public NoteKind? NoteKind { get; init; }
    /// <inheritdoc cref="NoteKind"/>
    public string? NoteText { get; init; }
    /// <inheritdoc cref="NoteKind"/>
    public int? AboutVersion { get; init; }
    public IReadOnlyList<string> ChangedFields { get; init; } = [];
    /// <summary>When an imported version's content was captured in the wild; null for saves and undated captures.</summary>
    public DateTimeOffset? CapturedAt { get; init; }
    /// <summary>The imported capture's fingerprint, by which a later import of the same capture is skipped.</summary>
    public string? Fingerprint { get; init; }
    /// <summary>For a change of content: the kinds of change (typo, number, block-added, …), see docs/standards.md.</summary>
    public IReadOnlyList<string> Changes { get; init; } = [];
    /// <summary>For a change of content: one line for people, e.g. "Corrected spelling of 'Keir'; added 1 paragraph".</summary>
    public string? ChangeSummary { get; init; }
    /// <summary>The story's state after this version, without its content.</summary>
    public required StoryState Story { get; init; }

    public static string Key(Guid storyId, int version) => $"{storyId:N}/{version}";

    /// <summary>Version <paramref name="version"/> of the story with its content; null when there is no such row.</summary>
    public static Task<VersionedStory?> LoadAsync(IQuerySession session, Guid storyId, int version, CancellationToken cancellation) =>
        ReadAsync(session, "where v.id = $1", [new() { Value = Key(storyId, version) }], cancellation);

    /// <summary>
    /// The version that stood at <paramref name="instant"/>, with its content: the last one made at or before it —
    /// an imported capture counting from when it was captured, not imported; null before the story existed.
    /// </summary>
    public static Task<VersionedStory?> StandingAtAsync(IQuerySession session, Guid storyId, DateTimeOffset instant, CancellationToken cancellation) =>
        ReadAsync(session, "where v.story_id = $1 and coalesce((v.data ->> 'capturedAt')::timestamptz, v.at) <= $2 order by v.version desc limit 1",
            [new() { Value = storyId }, new() { Value = instant.ToUniversalTime() }], cancellation);

    /// <summary>The row <paramref name="filter"/> picks and the content of its content event, in one round trip.</summary>
    private static async Task<VersionedStory?> ReadAsync(IQuerySession session, string filter, NpgsqlParameter[] parameters, CancellationToken cancellation)
    {
        var options = session.DocumentStore.Options;
        var versions = options.FindOrResolveDocumentType(typeof(StoryVersion)).TableName.QualifiedName;
        // Every content event (created, revised, restored, imported) holds the content whole as "content". Rows
        // stored by releases that still copied the content into the row are read the same way: the event holds it too.
        await using var command = new NpgsqlCommand($"""
            select v.data, e.data -> 'content'
            from {versions} v
            join {StoryLookup.EventsTable(session)} e on e.stream_id = v.story_id and e.version = (v.data -> 'story' ->> 'contentVersion')::bigint
            {filter}
            """);
        command.Parameters.AddRange(parameters);
        await using var reader = await session.ExecuteReaderAsync(command, cancellation);
        if (!await reader.ReadAsync(cancellation)) return null;
        var row = await options.Serializer().FromJsonAsync<StoryVersion>(reader, 0, cancellation);
        var content = await options.Serializer().FromJsonAsync<StoryContent>(reader, 1, cancellation);
        return new VersionedStory(row, new Story(row.Story, content));
    }

    public static StoryVersion Of(StoryState state, IEvent e, ChangeClassification? reading) => new()
    {
        Id = Key(state.Id, (int)e.Version),
        StoryId = state.Id,
        Version = (int)e.Version,
        Kind = StoryEventKinds.Of(e.Data),
        At = EventTime.Of(e),
        Editor = (e.Data as IStoryEvent)?.Editor ?? "",
        Note = (e.Data as IStoryEvent)?.Note,
        NoteKind = (e.Data as StoryNoted)?.Kind,
        NoteText = (e.Data as StoryNoted)?.Text,
        AboutVersion = (e.Data as StoryNoted)?.AboutVersion,
        ChangedFields = e.Data switch
        {
            IContentChangeEvent c => c.ChangedFields,
            StoryCreated c => c.Content.ChangedFieldsSince(null),
            _ => []
        },
        CapturedAt = CaptureOf(e.Data)?.CapturedAt,
        Fingerprint = CaptureOf(e.Data)?.Fingerprint,
        Changes = reading?.Kinds ?? [],
        ChangeSummary = reading?.Summary,
        // Only the state: a Story passed here is stored without its content, which stays in its event.
        Story = state.WithoutContent()
    };

    private static SnapshotCapture? CaptureOf(object data) => data switch
    {
        StoryImported i => i.Capture,
        StoryCreated c => c.Capture,
        Domain.Watch.CaptureSeen s => s.Capture,
        _ => null
    };
}

/// <summary>A version of a story read whole: its row and the story as it stood, content included.</summary>
public sealed record VersionedStory(StoryVersion Row, Story Story)
{
    public int Version => Row.Version;
    public DateTimeOffset At => Row.At;

    /// <summary>The version as a fact for a decision about it (which content it showed).</summary>
    public VersionContent Content => new(Row.Version, Row.Kind, Story.ContentVersion, Story.Content);
}

/// <summary>
/// Folds one story's events, in order, into its version rows: the state after each event and, for a change of
/// content, how it reads — as recorded with its event, or read again (against the content before it) when older
/// rules recorded it or none did. Used by the inline projection and by the rebuild alike.
/// </summary>
public sealed class VersionRows(StoryState? state)
{
    private StoryState? _state = state;
    private StoryContent? _content = (state as Story)?.Content;

    /// <summary>Whether a fold from a stored row must start with the content: some change among these must be read again.</summary>
    public static bool NeedContent(IEnumerable<IEvent> events) =>
        events.Any(e => e.Data is IContentChangeEvent c && !ChangeClassifier.IsCurrent(c.Change));

    public StoryVersion Next(IEvent e)
    {
        var reading = e.Data is IContentChangeEvent change
            ? ChangeClassifier.Read(_content, change.Content, change.Change)
            : null;
        _state = StoryState.Evolve(_state, e.Data, (int)e.Version, EventTime.Of(e));
        if (e.Data is IContentEvent saved) _content = saved.Content;
        return StoryVersion.Of(_state, e, reading);
    }
}

/// <summary>
/// Writes one <see cref="StoryVersion"/> per event. Each stream's events arrive in order; the state before the
/// first of them is the stored row of the previous version, or a replay when that row is not there yet (as
/// during a rebuild, which may process the previous page in another batch). The previous content is read only
/// when a change must be read again (<see cref="VersionRows.NeedContent"/>).
/// </summary>
public sealed class StoryVersionsProjection : IProjection
{
    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        foreach (var stream in events.Where(e => e.Data is IStoryEvent).GroupBy(e => e.StreamId))
        {
            var ordered = stream.OrderBy(e => e.Version).ToList();
            var before = (int)ordered[0].Version - 1;
            var rows = new VersionRows(before == 0 ? null : await StateAt(operations, stream.Key, before, VersionRows.NeedContent(ordered), cancellation));
            foreach (var e in ordered) operations.Store(rows.Next(e));
        }
    }

    /// <summary>
    /// The state at <paramref name="version"/>, with its content when asked for. A save through the write pipeline
    /// fetched the state for writing and the session keeps it (<c>UseIdentityMapForAggregates</c>): then, when the
    /// content is not needed, it costs no read. This projection is registered before the Story's
    /// (ReadModels/Catalogue.cs), which replaces that copy with the saved state.
    /// </summary>
    private static async Task<StoryState?> StateAt(IDocumentOperations operations, Guid storyId, int version, bool withContent, CancellationToken cancellation)
    {
        if (withContent)
            return (await StoryVersion.LoadAsync(operations, storyId, version, cancellation))?.Story
                ?? (await operations.Events.AggregateStreamAsync<StoryState>(storyId, version, token: cancellation) is { } replayed
                    ? new Story(replayed, await StoryLookup.ContentAsync(operations, storyId, replayed.ContentVersion, cancellation))
                    : null);
        return Fetched(operations, storyId, version)
            ?? (await operations.LoadAsync<StoryVersion>(StoryVersion.Key(storyId, version), cancellation))?.Story
            ?? await operations.Events.AggregateStreamAsync<StoryState>(storyId, version, token: cancellation);
    }

    /// <summary>The story's state as this session fetched it for writing, if it did and it stands at <paramref name="version"/>.</summary>
    public static StoryState? Fetched(IDocumentOperations operations, Guid storyId, int version) =>
        operations is Marten.Internal.Sessions.QuerySession { ItemMap: var map }
        && map.TryGetValue(typeof(StoryState), out var stories) && stories is Dictionary<Guid, StoryState> byId
        && byId.TryGetValue(storyId, out var story) && story.Version == version
            ? story
            : null;
}
