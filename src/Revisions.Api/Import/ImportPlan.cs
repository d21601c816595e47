using Revisions.Domain.Stories;
using Revisions.Import;

namespace Revisions.Api.Import;

/// <summary>One version an import added: its number, kind, when its content was captured and its fingerprint.</summary>
public sealed record ImportedVersion(int Version, string Kind, DateTimeOffset? CapturedAt, string Fingerprint, IReadOnlyList<string> ChangedFields);

/// <summary>The outcome of an import: the story, its version now, and what was added or recognised.</summary>
public sealed record ImportReport(Guid StoryId, string Slug, int Version, int Imported, int Skipped, IReadOnlyList<ImportedVersion> Versions)
{
    /// <summary>
    /// The report of an import of <paramref name="snapshots"/> captures that appended <paramref name="events"/>
    /// (one version each) and left the story as <paramref name="saved"/>; the rest were recognised and skipped.
    /// </summary>
    public static ImportReport Of(Story saved, IReadOnlyList<object> events, int snapshots)
    {
        var first = saved.Version - events.Count + 1;
        var versions = events.Select((e, i) => e switch
        {
            StoryImported imported => new ImportedVersion(first + i, StoryEventKinds.Of(e), imported.Capture.CapturedAt, imported.Capture.Fingerprint, imported.ChangedFields),
            StoryCreated created => new ImportedVersion(first + i, StoryEventKinds.Of(e), created.Capture?.CapturedAt, created.Capture?.Fingerprint ?? "",
                created.Content.ChangedFieldsSince(null)),
            _ => throw new InvalidOperationException($"An import appends only captures, not {e.GetType().Name}.")
        }).ToList();
        return new ImportReport(saved.Id, saved.Slug, saved.Version, versions.Count, snapshots - versions.Count, versions);
    }
}

public static class ImportPlans
{
    /// <summary>
    /// Replays snapshots, oldest first, onto a story (or starts one when <paramref name="story"/> is null), each
    /// change read as it is made. A snapshot adds no version when its fingerprint is already in the story's
    /// history (a re-import), when it repeats the snapshot before it (an archive that captured an unchanged
    /// page twice) or when its content equals the story's content at that point. Pure: the caller stores the
    /// events in one transaction.
    /// </summary>
    public static Decision Decide(Story? story, Guid newId, string newSlug, IReadOnlyList<Snapshot> snapshots,
        IReadOnlySet<string> knownFingerprints, Func<Snapshot, string> sourceOf, string editor, string? note, IChangeReader changes)
    {
        var events = new List<object>();
        var seen = new HashSet<string>(knownFingerprints);
        var state = story;
        StoryContent? previous = null;

        foreach (var snapshot in snapshots)
        {
            var repeat = previous is not null && snapshot.Content.Equals(previous);
            previous = snapshot.Content;
            if (!seen.Add(snapshot.Fingerprint) || repeat) continue;

            var capture = new SnapshotCapture(snapshot.CapturedAt, snapshot.Fingerprint, sourceOf(snapshot));
            IReadOnlyList<object> decided = state is null
                ? [Story.CreateFromCapture(newId, newSlug, snapshot.Content, capture, editor, note)]
                : state.Import(snapshot.Content, capture, editor, note, changes);
            if (decided is Decision { IsRefused: true } refused) return refused;
            // The event time is unknown until the store appends; only content and version matter here.
            foreach (var e in decided) state = Story.Evolve(state, e, (state?.Version ?? 0) + 1, DateTimeOffset.MinValue);
            events.AddRange(decided);
        }
        return Decision.Append(events);
    }
}
