using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using Npgsql;
using Revisions.Diff.Classification;
using Revisions.Domain.Stories;

namespace Revisions.Api.Stories;

/// <summary>
/// The story exactly as it stood after one version of its stream, with who made that version and why.
/// Reading version N, the version list and as-of reads come from these rows instead of replaying events.
/// A row does not copy the story's content: the content event at <see cref="Story.ContentVersion"/> holds it
/// whole already, so <see cref="LoadAsync"/> and <see cref="StandingAtAsync"/> join it in from there. Copying
/// it into every row was most of what a save and a rebuild wrote.
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
    public IReadOnlyList<string> ChangedFields { get; init; } = [];
    /// <summary>When an imported version's content was captured in the wild; null for saves and undated captures.</summary>
    public DateTimeOffset? CapturedAt { get; init; }
    /// <summary>The imported capture's fingerprint, by which a later import of the same capture is skipped.</summary>
    public string? Fingerprint { get; init; }
    /// <summary>For a change of content: the kinds of change (typo, number, block-added, …), see docs/standards.md.</summary>
    public IReadOnlyList<string> Changes { get; init; } = [];
    /// <summary>For a change of content: one line for people, e.g. "Corrected spelling of 'Keir'; added 1 paragraph".</summary>
    public string? ChangeSummary { get; init; }
    /// <summary>
    /// The story as it stood. Stored without its content (null in the row), which the loaders put back from
    /// the content event; rows stored before rows stopped copying the content still carry it and are read as
    /// they are. Queries that select other members need no content.
    /// </summary>
    public Story Story { get; init; } = null!;

    public static string Key(Guid storyId, int version) => $"{storyId:N}/{version}";

    /// <summary>Version <paramref name="version"/> of the story with its content; null when there is no such row.</summary>
    public static Task<StoryVersion?> LoadAsync(IQuerySession session, Guid storyId, int version, CancellationToken cancellation) =>
        ReadAsync(session, "where v.id = $1", [new() { Value = Key(storyId, version) }], cancellation);

    /// <summary>The version that stood at <paramref name="instant"/>, with its content: the last one made at or before it; null before the story existed.</summary>
    public static Task<StoryVersion?> StandingAtAsync(IQuerySession session, Guid storyId, DateTimeOffset instant, CancellationToken cancellation) =>
        ReadAsync(session, "where v.story_id = $1 and v.at <= $2 order by v.version desc limit 1",
            [new() { Value = storyId }, new() { Value = instant.ToUniversalTime() }], cancellation);

    /// <summary>
    /// The row <paramref name="filter"/> picks and the content of its content event, in one round trip; a row
    /// that still carries its content is returned as stored.
    /// </summary>
    private static async Task<StoryVersion?> ReadAsync(IQuerySession session, string filter, NpgsqlParameter[] parameters, CancellationToken cancellation)
    {
        var options = session.DocumentStore.Options;
        var versions = options.FindOrResolveDocumentType(typeof(StoryVersion)).TableName.QualifiedName;
        var events = $"{options.Events.DatabaseSchemaName}.mt_events";
        // Every content event (created, revised, restored, imported) holds the content whole as "content".
        await using var command = new NpgsqlCommand($"""
            select v.data, e.data -> 'content'
            from {versions} v
            left join {events} e on jsonb_typeof(v.data -> 'story' -> 'content') = 'null'
                and e.stream_id = v.story_id and e.version = (v.data -> 'story' ->> 'contentVersion')::bigint
            {filter}
            """);
        command.Parameters.AddRange(parameters);
        await using var reader = await session.ExecuteReaderAsync(command, cancellation);
        if (!await reader.ReadAsync(cancellation)) return null;
        var row = await options.Serializer().FromJsonAsync<StoryVersion>(reader, 0, cancellation);
        if (await reader.IsDBNullAsync(1, cancellation)) return row;
        var content = await options.Serializer().FromJsonAsync<StoryContent>(reader, 1, cancellation);
        return row with { Story = row.Story with { Content = content } };
    }

    public static StoryVersion Of(Story? before, Story state, IEvent e)
    {
        // Changes of content are read against the content just before; a new story has nothing to compare with.
        var classification = e.Data is IContentEvent content && before is not null
            ? ContentChanges.Read(before.Content, content)
            : null;
        return Of(state, e) with { Changes = classification?.Kinds ?? [], ChangeSummary = classification?.Summary };
    }

    private static StoryVersion Of(Story state, IEvent e) => new()
    {
        Id = Key(state.Id, (int)e.Version),
        StoryId = state.Id,
        Version = (int)e.Version,
        Kind = StoryEventKinds.Of(e.Data),
        At = EventTime.Of(e),
        Editor = (e.Data as IStoryEvent)?.Editor ?? "",
        Note = (e.Data as IStoryEvent)?.Note,
        ChangedFields = e.Data switch
        {
            IContentChangeEvent c => c.ChangedFields,
            StoryCreated c => c.Content.ChangedFieldsSince(null),
            _ => []
        },
        CapturedAt = CaptureOf(e.Data)?.CapturedAt,
        Fingerprint = CaptureOf(e.Data)?.Fingerprint,
        // The content stays in its event (see the type's summary).
        Story = state with { Content = null! }
    };

    private static SnapshotCapture? CaptureOf(object data) => data switch
    {
        StoryImported i => i.Capture,
        StoryCreated c => c.Capture,
        _ => null
    };
}

/// <summary>
/// Writes one <see cref="StoryVersion"/> per event. Each stream's events arrive in order; the state before
/// the first of them is the stored row of the previous version, or a replay when that row is not there yet
/// (as during a rebuild, which may process the previous page in another batch). The previous content is read
/// only when a change must be classified here, i.e. its event carries no reading under the current rules.
/// </summary>
public sealed class StoryVersionsProjection : IProjection
{
    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        foreach (var stream in events.Where(e => e.Data is IStoryEvent).GroupBy(e => e.StreamId))
        {
            var ordered = stream.OrderBy(e => e.Version).ToList();
            var before = (int)ordered[0].Version - 1;
            var withContent = ordered.Any(e => e.Data is IContentChangeEvent c && !ChangeClassifier.IsCurrent(c.Change));
            var state = before == 0 ? null : await StateAt(operations, stream.Key, before, withContent, cancellation);
            foreach (var e in ordered)
            {
                var previous = state;
                state = Story.Evolve(state, e.Data, (int)e.Version, EventTime.Of(e));
                operations.Store(StoryVersion.Of(previous, state, e));
            }
        }
    }

    private static async Task<Story?> StateAt(IDocumentOperations operations, Guid storyId, int version, bool withContent, CancellationToken cancellation) =>
        (withContent
            ? await StoryVersion.LoadAsync(operations, storyId, version, cancellation)
            : await operations.LoadAsync<StoryVersion>(StoryVersion.Key(storyId, version), cancellation))?.Story
        ?? await operations.Events.AggregateStreamAsync<Story>(storyId, version, token: cancellation);
}
