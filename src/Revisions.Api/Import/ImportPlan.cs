using Revisions.Api.Stories;
using Revisions.Domain.Stories;
using Revisions.Import;

namespace Revisions.Api.Import;

/// <summary>One version an import added: its number, kind, when its content was captured and its fingerprint.</summary>
public sealed record ImportedVersion(int Version, string Kind, DateTimeOffset? CapturedAt, string Fingerprint, IReadOnlyList<string> ChangedFields);

/// <summary>The events an import appends, the versions they become, and how many snapshots added nothing.</summary>
public sealed record ImportPlan(IReadOnlyList<object> Events, IReadOnlyList<ImportedVersion> Versions, int Skipped);

public static class ImportPlans
{
    /// <summary>
    /// Replays snapshots, oldest first, onto a story (or starts one when <paramref name="story"/> is null).
    /// A snapshot adds no version when its fingerprint is already in the story's history (a re-import), when
    /// it repeats the snapshot before it (an archive that captured an unchanged page twice) or when its content
    /// equals the story's content at that point. Pure: the caller stores the events in one transaction.
    /// </summary>
    public static ImportPlan Decide(Story? story, Guid newId, string newSlug, IReadOnlyList<Snapshot> snapshots,
        IReadOnlySet<string> knownFingerprints, Func<Snapshot, string> sourceOf, string editor, string? note)
    {
        var events = new List<object>();
        var versions = new List<ImportedVersion>();
        var seen = new HashSet<string>(knownFingerprints);
        var state = story;
        var version = story?.Version ?? 0;
        StoryContent? previous = null;
        var skipped = 0;

        foreach (var snapshot in snapshots)
        {
            var fingerprint = snapshot.Fingerprint;
            var repeat = previous is not null && snapshot.Content.Equals(previous);
            previous = snapshot.Content;
            if (!seen.Add(fingerprint) || repeat)
            {
                skipped++;
                continue;
            }

            var capture = new SnapshotCapture(snapshot.CapturedAt, fingerprint, sourceOf(snapshot));
            IReadOnlyList<object> decided = state is null
                ? [Story.CreateFromCapture(newId, newSlug, snapshot.Content, capture, editor, note)]
                : state.Import(snapshot.Content, capture, editor, note);
            if (decided.Count == 0)
            {
                skipped++;
                continue;
            }

            foreach (var e in decided)
            {
                version++;
                // The event time is unknown until the store appends; only content and version matter here.
                state = Story.Evolve(state, e, version, DateTimeOffset.MinValue);
                events.Add(e);
                versions.Add(new ImportedVersion(version, StoryEventKinds.Of(e), snapshot.CapturedAt, fingerprint,
                    e is StoryImported imported ? imported.ChangedFields : snapshot.Content.ChangedFieldsSince(null)));
            }
        }
        return new ImportPlan(ContentChanges.Classify(story?.Content, events), versions, skipped);
    }
}
