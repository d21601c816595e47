using Marten;
using Revisions.Api.Stories;
using Revisions.Diff.Classification;
using Revisions.Domain.Standards;
using Revisions.Domain.Stories;

namespace Revisions.Api.Corrections;

/// <summary>
/// Run as a story goes live again: compares the content about to go live with the content readers saw last,
/// and flags a substantive change that no public note explains.
/// </summary>
public static class StealthEditCheck
{
    public static async Task<StealthEditFlagged?> CheckAsync(IQuerySession session, Story story, string editor, CancellationToken cancellation)
    {
        if (!story.RepublishesChangedContent) return null;
        var previous = await StoryVersion.LoadAsync(session, story.Id, story.LastPublishedContentVersion!.Value, cancellation);
        if (previous is null) return null;

        var change = ChangeClassifier.Classify(previous.Story.Content, story.Content);
        return story.FlagUnnotedChange(Guid.CreateVersion7(), change.Substantive, change.Kinds, change.Summary, editor);
    }
}
