using System.Threading.Channels;
using Marten;
using Marten.Services;
using Revisions.Domain.Stories;

namespace Revisions.Api.Public;

/// <summary>A story was published again: what an open reader page needs to offer the new update.</summary>
public sealed record StoryUpdated(Guid StoryId, int Version, DateTimeOffset At);

/// <summary>
/// Fans published updates out to the reader pages open on this node. Each listener gets a small channel
/// that drops its oldest item when full, so a slow or stalled reader costs a few bytes and never holds up a
/// publish. Fed after commit by <see cref="LiveUpdatesListener"/>; a message handler can call
/// <see cref="Announce"/> the same way once updates travel between nodes.
/// </summary>
public sealed class LiveUpdates(ReaderPageCache? pages = null)
{
    public const int ChannelCapacity = 4;
    public const int MaxListeners = 10_000;

    // A plain lock: readers join and leave a few times a second at most, and publishes are rarer still.
    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, HashSet<Listener>> _byStory = [];
    private int _count;

    public sealed class Listener : IDisposable
    {
        private readonly LiveUpdates _owner;
        internal readonly Guid StoryId;
        internal readonly Channel<StoryUpdated> Channel = System.Threading.Channels.Channel.CreateBounded<StoryUpdated>(
            new BoundedChannelOptions(ChannelCapacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

        internal Listener(LiveUpdates owner, Guid storyId) { _owner = owner; StoryId = storyId; }

        public ChannelReader<StoryUpdated> Updates => Channel.Reader;

        public void Dispose() => _owner.Remove(this);
    }

    public int Count { get { lock (_gate) return _count; } }

    /// <summary>Starts listening to one story, or returns null when this node already serves as many as it will.</summary>
    public Listener? Listen(Guid storyId)
    {
        lock (_gate)
        {
            if (_count >= MaxListeners) return null;
            var listener = new Listener(this, storyId);
            if (!_byStory.TryGetValue(storyId, out var listeners)) _byStory[storyId] = listeners = [];
            listeners.Add(listener);
            _count++;
            return listener;
        }
    }

    public void Announce(StoryUpdated update)
    {
        pages?.EvictAll();
        Listener[] listeners;
        lock (_gate)
        {
            if (!_byStory.TryGetValue(update.StoryId, out var set)) return;
            listeners = [.. set];
        }
        foreach (var listener in listeners) listener.Channel.Writer.TryWrite(update);
    }

    /// <summary>A commit reached these stories: their cached reader pages are out of date.</summary>
    public ValueTask CommittedAsync(IEnumerable<string> slugs, CancellationToken cancellation) =>
        pages?.EvictAsync(slugs, cancellation) ?? ValueTask.CompletedTask;

    private void Remove(Listener listener)
    {
        lock (_gate)
        {
            if (!_byStory.TryGetValue(listener.StoryId, out var set) || !set.Remove(listener)) return;
            _count--;
            if (set.Count == 0) _byStory.Remove(listener.StoryId);
        }
        listener.Channel.Writer.TryComplete();
    }
}

/// <summary>
/// Tells <see cref="LiveUpdates"/> about publishes once they are committed, never before: a reader is only
/// ever sent to an update that is really there.
/// </summary>
public sealed class LiveUpdatesListener(LiveUpdates live) : DocumentSessionListenerBase
{
    public override async Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
    {
        foreach (var e in commit.GetEvents())
        {
            if (e.Data is StoryPublished)
                live.Announce(new StoryUpdated(e.StreamId, (int)e.Version, e.Timestamp));
        }
        // Drafts never reach readers, so a commit of draft saves alone leaves their pages as they are: editors
        // saving all day do not empty the cache. Any other event may change a page. Every event of a story is
        // folded into its Story and PublishedStory rows in the same commit; their slugs name the pages.
        var changed = commit.GetEvents()
            .Where(e => e.Data is not (StoryRevised or StoryImported or StoryRestored))
            .Select(e => e.StreamId).ToHashSet();
        if (changed.Count == 0) return;
        var written = commit.Updated.Concat(commit.Inserted);
        await live.CommittedAsync(written.OfType<StoryState>().Where(s => changed.Contains(s.Id)).Select(s => s.Slug)
            .Concat(written.OfType<PublishedStory>().Where(p => changed.Contains(p.Id)).Select(p => p.Slug))
            .Where(slug => slug.Length > 0), token);
    }
}
