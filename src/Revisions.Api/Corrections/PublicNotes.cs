using Marten;
using Revisions.Domain.Corrections;
using Revisions.Domain.Stories;

namespace Revisions.Api.Corrections;

/// <summary>A note readers may see, with the live story it belongs to.</summary>
public sealed record PublicNote(CorrectionEntry Note, PublishedStory Story)
{
    /// <summary>The note's text as readers may see it: what a redaction withdraws shown as the marker.</summary>
    public string Text => Story.PublicNote(Note.Text);
}

/// <summary>
/// Which notes are public: corrections, clarifications and updates (never editorial notes) on a story that is
/// live, about a version no later than its latest publish — a note on an unpublished draft stays private
/// until that draft goes live.
/// </summary>
public static class PublicNotes
{
    public static bool IsVisible(CorrectionEntry note, PublishedStory story) =>
        note.Kind.IsPublic() && note.PublicAt is not null && story.IsLive && story.PublishVersion is { } published && note.AboutVersion <= published;

    public static async Task<IReadOnlyList<PublicNote>> ForStoryAsync(IQuerySession session, PublishedStory story, CancellationToken cancellation)
    {
        if (!story.IsLive) return [];
        var notes = await session.Query<CorrectionEntry>()
            .Where(n => n.StoryId == story.Id && n.Kind != NoteKind.Editorial && n.PublicAt != null)
            .OrderBy(n => n.PublicAt)
            .ToListAsync(cancellation);
        return notes.Where(n => IsVisible(n, story)).Select(n => new PublicNote(n, story)).ToList();
    }

    public static async Task<IReadOnlyList<PublicNote>> LatestAsync(IQuerySession session, int count, CancellationToken cancellation)
    {
        // Newest public first, by when readers could first see them. Read a few more than asked for: some
        // belong to stories that are down now.
        var notes = await session.Query<CorrectionEntry>()
            .Where(n => n.Kind != NoteKind.Editorial && n.PublicAt != null)
            .OrderByDescending(n => n.PublicAt)
            .Take(count * 4)
            .ToListAsync(cancellation);
        var stories = (await session.LoadManyAsync<PublishedStory>(cancellation, notes.Select(n => n.StoryId).Distinct()))
            .ToDictionary(s => s.Id);
        return notes
            .Where(n => stories.TryGetValue(n.StoryId, out var s) && IsVisible(n, s))
            .Take(count)
            .Select(n => new PublicNote(n, stories[n.StoryId]))
            .ToList();
    }
}
