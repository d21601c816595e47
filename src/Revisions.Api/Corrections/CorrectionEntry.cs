using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using Revisions.Api.Stories;
using Revisions.Domain.Corrections;
using Revisions.Domain.Stories;

namespace Revisions.Api.Corrections;

/// <summary>One typed note in the cross-story log the standards desk reads.</summary>
public sealed record CorrectionEntry
{
    public Guid Id { get; init; }
    public Guid StoryId { get; init; }
    public int AboutVersion { get; init; }
    /// <summary>The stream version of the note itself.</summary>
    public int NoteVersion { get; init; }
    public NoteKind Kind { get; init; }
    public string Text { get; init; } = "";
    public string Editor { get; init; } = "";
    /// <summary>When the note was written.</summary>
    public DateTimeOffset At { get; init; }
    /// <summary>
    /// When readers could first see it: when it was written, if the content it is about was already live then;
    /// otherwise when that content went live. Null for an editorial note, and for one about content not yet
    /// published. Feeds and the as-of view date a correction by this, not by when it was drafted.
    /// </summary>
    public DateTimeOffset? PublicAt { get; init; }
}

/// <summary>
/// Folds one story's events, in order, into its log entries: a note is an entry, and a publish makes public the
/// notes waiting for the content it puts live. Used by the inline projection and by the rebuild alike.
/// </summary>
public sealed class CorrectionLogFold(bool live, int? publishVersion, IEnumerable<CorrectionEntry> waiting)
{
    private bool _live = live;
    private int? _publishVersion = publishVersion;
    private readonly Dictionary<Guid, CorrectionEntry> _waiting = waiting.ToDictionary(e => e.Id);

    /// <summary>The entries <paramref name="e"/> creates or changes.</summary>
    public IEnumerable<CorrectionEntry> Next(IEvent e)
    {
        switch (e.Data)
        {
            case StoryNoted n:
                var entry = new CorrectionEntry
                {
                    Id = n.NoteId, StoryId = n.StoryId, AboutVersion = n.AboutVersion, NoteVersion = (int)e.Version,
                    Kind = n.Kind, Text = n.Text, Editor = n.Editor, At = EventTime.Of(e),
                    PublicAt = n.Kind.IsPublic() && _live && _publishVersion >= n.AboutVersion ? EventTime.Of(e) : null
                };
                if (entry.PublicAt is null && n.Kind.IsPublic()) _waiting[entry.Id] = entry;
                return [entry];
            case StoryPublished:
                (_live, _publishVersion) = (true, (int)e.Version);
                var shown = _waiting.Values.Where(w => w.AboutVersion <= e.Version).Select(w => w with { PublicAt = EventTime.Of(e) }).ToList();
                foreach (var s in shown) _waiting.Remove(s.Id);
                return shown;
            case StoryUnpublished:
                _live = false;
                return [];
            default:
                return [];
        }
    }
}

/// <summary>Gathers the notes of every story into one log, keyed by note, dated by when each became public.</summary>
public sealed class CorrectionLogProjection : IProjection
{
    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        foreach (var stream in events.Where(e => e.Data is StoryNoted or StoryPublished or StoryUnpublished).GroupBy(e => e.StreamId))
        {
            // What was live before these events (the public copy as stored), and the notes still waiting for a publish.
            var first = stream.Min(e => e.Version);
            var published = await operations.LoadAsync<PublishedStory>(stream.Key, cancellation);
            var live = published is { IsLive: true, PublishVersion: { } v } && v < first;
            var waiting = stream.Any(e => e.Data is StoryPublished)
                ? await operations.Query<CorrectionEntry>().Where(c => c.StoryId == stream.Key && c.PublicAt == null && c.Kind != NoteKind.Editorial)
                    .ToListAsync(cancellation)
                : [];
            var fold = new CorrectionLogFold(live, live ? published!.PublishVersion : null, waiting);
            foreach (var e in stream.OrderBy(e => e.Version))
                foreach (var entry in fold.Next(e)) operations.Store(entry);
        }
    }
}
