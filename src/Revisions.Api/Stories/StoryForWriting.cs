using JasperFx.Events;
using Marten;
using Marten.Services.BatchQuerying;
using Revisions.Domain.Stories;

namespace Revisions.Api.Stories;

/// <summary>
/// A story read for an optimistic append: the stream's version with the stored state (Marten's
/// <c>FetchForWriting</c>) and the content of the event that last set it, enrolled in one batch so that the
/// decision has the whole story after one round trip. The stored state carries no content (Stories/StoryLookup.cs).
/// </summary>
public sealed class StoryForWriting
{
    private readonly Task<IEventStream<StoryState>> _stream;
    private readonly Task<IReadOnlyList<ContentAt>> _content;

    public StoryForWriting(IQuerySession session, IBatchedQuery batch, Guid id)
    {
        _stream = batch.Events.FetchForWriting<StoryState>(id);
        _content = batch.Query<ContentAt>($"""
            select jsonb_build_object('version', e.version, 'content', e.data -> 'content')
            from {StoryLookup.EventsTable(session)} e
            where e.stream_id = ? and e.version = (select (s.data ->> 'contentVersion')::bigint from {StoryLookup.StoriesTable(session)} s where s.id = ?)
            """, id, id);
    }

    /// <summary>Fetches the story with <paramref name="id"/> for writing, in one round trip of its own.</summary>
    public static async Task<(IEventStream<StoryState> Stream, Story? Story)> FetchAsync(IQuerySession session, Guid id, CancellationToken cancellation)
    {
        var batch = session.CreateBatchQuery();
        var story = new StoryForWriting(session, batch, id);
        await batch.Execute(cancellation);
        return await story.ReadAsync(session, cancellation);
    }

    /// <summary>The stream to append to and the story as it stands (null when there is no such story), once the batch ran.</summary>
    public async Task<(IEventStream<StoryState> Stream, Story? Story)> ReadAsync(IQuerySession session, CancellationToken cancellation)
    {
        var stream = await _stream;
        if (stream.Aggregate is not { } state) return (stream, null);
        // Each statement of the batch reads its own snapshot: a save committed between them leaves the content a
        // version ahead of the state. Then the content is read again at the state's version, so the decision sees
        // one version whole (and the append fails on the stream's version, as any lost race does).
        var content = (await _content) is [{ } found] && found.Version == state.ContentVersion
            ? found.Content
            : await StoryLookup.ContentAsync(session, state.Id, state.ContentVersion, cancellation);
        return (stream, new Story(state, content));
    }

    /// <summary>A content event's version and the content it set.</summary>
    public sealed record ContentAt(long Version, StoryContent Content);
}
