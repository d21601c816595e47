using Revisions.Domain.Corrections;
using Revisions.Domain.Stories;

namespace Revisions.Domain.Watch;

/// <summary>
/// Decisions on the story of a page published elsewhere, one per capture. Each capture of a public page is, in
/// effect, a publish by its site: a change of content becomes a version (an <see cref="StoryImported"/> capture,
/// dated by when it was fetched); unchanged content is recorded as seen. A substantive change with no visible
/// correction appearing on the page is a stealth edit and raises the same flag a publish here would; a correction
/// notice appearing on the page is recorded as a correction note, which closes the flags it explains.
/// </summary>
public static class WatchedPages
{
    /// <summary>The editor every watched capture is recorded by.</summary>
    public const string Watcher = "Revisions watcher";

    /// <param name="story">The page's story, or null for the first capture, which starts it (<paramref name="newId"/>, <paramref name="newSlug"/>).</param>
    /// <param name="notice">The correction notice the page shows now, if any (read by the extractor).</param>
    public static Decision Capture(Story? story, Guid newId, string newSlug, StoryContent content, SnapshotCapture capture, string? notice,
        IChangeReader changes)
    {
        var next = content.Normalised();
        var note = $"Captured from {capture.Source}";
        if (story is null) return Decision.Append(Story.CreateFromCapture(newId, newSlug, next, capture, Watcher, note));
        if (story.WatchedUrl is null)
            return Decision.Refuse(RefusalKind.Conflict, "Not a watched page", "The story was written here; captures of a watched page cannot change it.");
        if (next.Equals(story.Content)) return Decision.Append(new CaptureSeen(story.Id, capture, Watcher, null));

        var change = changes.Read(story.Content, next);
        var captured = new StoryImported(story.Id, next, next.ChangedFieldsSince(story.Content), capture, Watcher, note) { Change = change };
        var after = story.Then([captured], story.UpdatedAt);
        if (notice is not null && !Shows(story.Content, notice))
        {
            var text = notice.Length > NoteKinds.MaxTextLength ? notice[..NoteKinds.MaxTextLength] : notice;
            return Decision.Append([captured, .. after.AddNote(NoteKind.Correction, text, null, null, Watcher)]);
        }
        return change.Substantive
            ? Decision.Append(captured, new StealthEditFlagged(story.Id, Guid.CreateVersion7(), story.ContentVersion, after.ContentVersion,
                change.Kinds, change.Summary, Watcher))
            : Decision.Append(captured);
    }

    private static bool Shows(StoryContent content, string text) => content.Standfirst == text || content.Body.Any(b => b.Text == text);
}
