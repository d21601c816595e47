using JasperFx.Events;
using Marten;
using Marten.Events;
using Revisions.Api.Corrections;
using Revisions.Api.Stories;
using Revisions.Domain.Corrections;
using Revisions.Domain.Legal;
using Revisions.Domain.Stories;

namespace Revisions.Api.Public;

/// <summary>A note readers may see, attached to the update it was published with.</summary>
public sealed record PublicNote(string Kind, string Text)
{
    /// <summary>How the note is introduced to readers: "Correction", "Clarification", "Update".</summary>
    public string Label => Kind.Length == 0 ? "Note" : char.ToUpperInvariant(Kind[0]) + Kind[1..];
}

/// <summary>
/// One published update: the <paramref name="Number"/>-th publish of the story, or a dated capture of its public
/// page imported from an archive (<paramref name="Captured"/>), in the order the public saw them.
/// <paramref name="Version"/> is the stream version of its event — the number every public URL uses — and
/// <paramref name="ContentVersion"/> the content version it showed; <paramref name="At"/> is when it was
/// published, or captured.
/// </summary>
public sealed record PublicUpdate(int Number, int Version, int ContentVersion, DateTimeOffset At, IReadOnlyList<PublicNote> Notes, bool Captured = false);

public enum Visibility { Unknown, NeverPublished, Removed, Live }

/// <summary>What readers may know of a story: the live content and the list of its published updates.</summary>
public sealed record PublicStory(PublishedStory Published, IReadOnlyList<PublicUpdate> Updates)
{
    /// <summary>The live content with the redactions in force applied: the only live text pages show.</summary>
    public StoryContent Content { get; } = Published.PublicContent()!;
    public PublicUpdate Latest => Updates[^1];
    public PublicUpdate? Find(int version) => Updates.FirstOrDefault(u => u.Version == version);
}

/// <summary>
/// The only way reader pages read a story. Content comes from <see cref="PublishedStory"/> (the live copy)
/// and from the <see cref="StoryPublished"/> events themselves, which carry exactly what each publish put
/// live; drafts are never loaded, so no page can show one. Every text it hands out has the redactions in
/// force applied (Legal/Redactions.cs), so no page, diff or memento can show redacted words.
/// </summary>
public static class PublicHistory
{
    private sealed record UpdateRow(int Version, DateTimeOffset At, string? Note, int? ContentVersion, bool Captured);

    public static async Task<(Visibility, PublicStory?)> FindAsync(IQuerySession session, string slug, CancellationToken cancellation)
    {
        if (!Slug.IsValid(slug)) return (Visibility.Unknown, null);
        var published = await session.Query<PublishedStory>().Where(s => s.Slug == slug).FirstOrDefaultAsync(cancellation);
        if (published is null) return (Visibility.Unknown, null);
        if (!published.IsLive || published.Content is null)
            return (published.PublishVersion is null ? Visibility.NeverPublished : Visibility.Removed, null);

        // Its publishes, and the dated captures of its public page imported from archives, as the public saw them.
        var rows = (await session.Query<StoryVersion>()
                .Where(v => v.StoryId == published.Id && (v.Kind == "published" || v.CapturedAt != null))
                .ToListAsync(cancellation))
            .Where(v => v.Kind == "published" || Evidence.PublicTimeline.IsCapture(v))
            .Select(v => Evidence.PublicTimeline.IsCapture(v)
                ? new UpdateRow(v.Version, v.CapturedAt!.Value, null, v.Version, true)
                : new UpdateRow(v.Version, v.At, v.Note, v.Story.PublishedVersion, false))
            .OrderBy(r => r.At).ThenBy(r => r.Version)
            .ToList();
        // The read model row and the live copy are written in one transaction; no rows would mean a
        // projection is being rebuilt, and then nothing is shown rather than something half-built.
        if (rows.Count == 0) return (Visibility.Unknown, null);

        var typed = await session.Events.QueryAllRawEvents()
            .Where(e => e.StreamId == published.Id && e.EventTypesAre(typeof(StoryNoted)))
            .ToListAsync(cancellation);
        var updates = rows.Select((row, i) => new PublicUpdate(i + 1, row.Version, row.ContentVersion ?? 0, row.At,
            row.Captured ? [] : NotesOf(row, i == 0 ? 0 : rows[i - 1].ContentVersion ?? 0, typed.Select(e => e.Data).OfType<StoryNoted>(), published),
            row.Captured)).ToList();
        return (Visibility.Live, new PublicStory(published, updates));
    }

    /// <summary>The content each publish put live, by publish version.</summary>
    public static async Task<IReadOnlyDictionary<int, StoryContent>> PublishedContentAsync(
        IQuerySession session, PublicStory story, CancellationToken cancellation)
    {
        var versions = story.Updates.Select(u => (long)u.Version).ToArray();
        var events = await session.Events.QueryAllRawEvents()
            .Where(e => e.StreamId == story.Published.Id && e.Version.IsOneOf(versions))
            .ToListAsync(cancellation);
        return PublishedOnly(events, story.Published.Redactions);
    }

    /// <summary>The content one publish put live, or null when that version was not a publish.</summary>
    public static async Task<StoryContent?> PublishedContentAsync(
        IQuerySession session, PublicStory story, int version, CancellationToken cancellation)
    {
        if (story.Find(version) is null) return null;
        var events = await session.Events.FetchStreamAsync(story.Published.Id, version, fromVersion: version, token: cancellation);
        return PublishedOnly(events, story.Published.Redactions).GetValueOrDefault(version);
    }

    /// <summary>
    /// The content one publish put live, for the legal as-of view, whether or not the story is live now:
    /// redacted, unless <paramref name="revealRedacted"/> (the legal role) asks for the original.
    /// </summary>
    public static async Task<StoryContent?> ContentOfPublishAsync(IQuerySession session, PublishedStory published, int version,
        bool revealRedacted, CancellationToken cancellation)
    {
        var events = await session.Events.FetchStreamAsync(published.Id, version, fromVersion: version, token: cancellation);
        return PublishedOnly(events, revealRedacted ? [] : published.Redactions).GetValueOrDefault(version);
    }

    /// <summary>
    /// The public typed notes (correction, clarification, update) that had been made by
    /// <paramref name="instant"/> about content no later than <paramref name="contentVersion"/>.
    /// </summary>
    public static async Task<IReadOnlyList<(PublicNote Note, DateTimeOffset At)>> TypedNotesAsync(
        IQuerySession session, Guid storyId, int contentVersion, DateTimeOffset instant, IReadOnlyList<Redaction> redactions, CancellationToken cancellation)
    {
        // Dated by when readers could first see each note, which may be well after it was written on a draft.
        var typed = await session.Query<CorrectionEntry>()
            .Where(n => n.StoryId == storyId && n.Kind != NoteKind.Editorial && n.PublicAt != null && n.PublicAt <= instant && n.AboutVersion <= contentVersion)
            .OrderBy(n => n.PublicAt)
            .ToListAsync(cancellation);
        return typed
            .Select(n => (new PublicNote(n.Kind.Name(), RedactionRules.ApplyToNote(n.Text.Trim(), redactions)), n.PublicAt!.Value))
            .ToList();
    }

    /// <summary>What each publish, or dated capture of the public page, showed, by version, redactions applied.</summary>
    private static Dictionary<int, StoryContent> PublishedOnly(IEnumerable<IEvent> events, IReadOnlyList<Redaction> redactions) =>
        events.Select(e => (e.Version, Content: e.Data switch
            {
                StoryPublished p => p.Content,
                StoryImported { Capture.CapturedAt: not null } i => i.Content,
                StoryCreated { Capture.CapturedAt: not null } c => c.Content,
                _ => null
            }))
            .Where(e => e.Content is not null)
            .ToDictionary(e => (int)e.Version, e => RedactionRules.Apply(e.Content!, redactions));

    /// <summary>
    /// The notes readers see with one update: its publish note, and the public typed notes (corrections,
    /// clarifications, updates) about content it was the first publish to include. Editorial notes and notes
    /// about content never published stay in the newsroom.
    /// </summary>
    private static IReadOnlyList<PublicNote> NotesOf(UpdateRow row, int previousContentVersion, IEnumerable<StoryNoted> typed, PublishedStory published)
    {
        var notes = typed
            .Where(n => n.Kind.IsPublic() && n.AboutVersion <= (row.ContentVersion ?? 0)
                        && n.AboutVersion > previousContentVersion)
            .Select(n => new PublicNote(n.Kind.Name(), published.PublicNote(n.Text.Trim())))
            .ToList();
        if (!string.IsNullOrWhiteSpace(row.Note)) notes.Insert(0, new PublicNote("update", published.PublicNote(row.Note.Trim())));
        return notes;
    }
}
