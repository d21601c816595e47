using JasperFx.Events;
using Marten;
using Revisions.Api.Corrections;
using Revisions.Api.Stories;
using Revisions.Domain.Standards;
using Revisions.Domain.Stories;
using Weasel.Core;

namespace Revisions.Api.Admin;

/// <summary>
/// Builds every read model in one pass over the events, story by story, with the projections' own fold
/// functions, and writes the documents with PostgreSQL's COPY. Rebuilding projection by projection through
/// the daemon read all events once per projection and upserted each document on its own; this reads them
/// once and writes in bulk. Every story event is an <see cref="IStoryEvent"/>, so folding a whole stream in
/// order gives exactly what the inline projections wrote commit by commit (the rebuild tests compare them).
/// </summary>
public sealed class ReadModelReplay(IDocumentStore store)
{
    private const int DocumentsPerCopy = 5000;

    private readonly StoryProjection _stories = new();
    private readonly PublishedStoryProjection _published = new();
    private readonly CorrectionLogProjection _corrections = new();
    private readonly StealthEditFlagProjection _flags = new();
    private readonly List<object> _pending = [];

    public static readonly Type[] ReadModels =
        [typeof(Story), typeof(PublishedStory), typeof(StoryVersion), typeof(CorrectionEntry), typeof(StealthEditFlag)];

    /// <summary>Deletes the read models and writes them again from the events; returns the number of events read.</summary>
    public async Task<long> RunAsync(CancellationToken cancellation)
    {
        foreach (var type in ReadModels) await store.Advanced.Clean.DeleteDocumentsByTypeAsync(type, cancellation);

        await using var session = store.QuerySession();
        var events = session.Events.QueryAllRawEvents().OrderBy(e => e.StreamId).ThenBy(e => e.Version).ToAsyncEnumerable(cancellation);
        var stream = new List<IEvent>();
        long count = 0;
        await foreach (var e in events)
        {
            count++;
            if (stream.Count > 0 && stream[0].StreamId != e.StreamId) await FoldAsync(stream, cancellation);
            stream.Add(e);
        }
        if (stream.Count > 0) await FoldAsync(stream, cancellation);
        await FlushAsync(cancellation);
        return count;
    }

    private async Task FoldAsync(List<IEvent> stream, CancellationToken cancellation)
    {
        var id = stream[0].StreamId;
        Story? story = null, version = null;
        PublishedStory? published = null;
        var corrections = new Dictionary<Guid, CorrectionEntry>();
        var flags = new Dictionary<Guid, StealthEditFlag>();
        foreach (var e in stream)
        {
            story = _stories.Evolve(story, id, e);
            published = _published.Evolve(published, id, e);
            if (e.Data is IStoryEvent)
            {
                var before = version;
                version = Story.Evolve(version, e.Data, (int)e.Version, EventTime.Of(e));
                _pending.Add(StoryVersion.Of(before, version, e));
            }
            // The multi-stream projections' identities (CorrectionLogProjection, StealthEditFlagProjection).
            if (e.Data is StoryNoted noted)
                corrections[noted.NoteId] = _corrections.Evolve(corrections.GetValueOrDefault(noted.NoteId), noted.NoteId, e);
            if (FlagOf(e.Data) is { } flag)
                flags[flag] = _flags.Evolve(flags.GetValueOrDefault(flag), flag, e);
        }
        if (story is not null) _pending.Add(story);
        if (published is not null) _pending.Add(published);
        _pending.AddRange(corrections.Values);
        _pending.AddRange(flags.Values);
        stream.Clear();
        if (_pending.Count >= DocumentsPerCopy) await FlushAsync(cancellation);
    }

    private static Guid? FlagOf(object data) => data switch
    {
        StealthEditFlagged f => f.FlagId,
        StealthEditFlagResolved r => r.FlagId,
        StealthEditFlagDismissed d => d.FlagId,
        _ => null
    };

    private async Task FlushAsync(CancellationToken cancellation)
    {
        if (_pending.Count == 0) return;
        // A row already there was written by a commit made while the rebuild runs (a new story, the flag
        // daemon catching up): it is at least as new as this replay's view of the events, so it is kept.
        await store.BulkInsertDocumentsAsync(_pending, BulkInsertMode.IgnoreDuplicates, DocumentsPerCopy, cancellation);
        _pending.Clear();
    }
}
