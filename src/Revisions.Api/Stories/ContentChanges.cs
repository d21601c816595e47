using Revisions.Diff.Classification;
using Revisions.Domain.Stories;

namespace Revisions.Api.Stories;

/// <summary>
/// Every change of content is classified once, when it is stored, and the reading travels with its event
/// (<see cref="ClassifiedChange"/>). The version rows show it, and a rebuild takes it from the event instead of
/// comparing each version with the one before again: the comparison was most of a rebuild's work.
/// </summary>
public static class ContentChanges
{
    /// <summary>The events with each change of content classified against the content just before it.</summary>
    public static IReadOnlyList<object> Classify(StoryContent? before, IReadOnlyList<object> events)
    {
        var classified = new List<object>(events.Count);
        var content = before;
        foreach (var e in events)
        {
            classified.Add(content is null ? e : e switch
            {
                StoryRevised r => r with { Change = ChangeClassifier.Classify(content, r.Content).Record() },
                StoryRestored r => r with { Change = ChangeClassifier.Classify(content, r.Content).Record() },
                StoryImported i => i with { Change = ChangeClassifier.Classify(content, i.Content).Record() },
                _ => e
            });
            if (e is IContentEvent next) content = next.Content;
        }
        return classified;
    }

    /// <summary>How a content event's change reads: as recorded with it, or classified now for older events.</summary>
    public static ChangeClassification Read(StoryContent before, IContentEvent e) =>
        ChangeClassifier.Read(before, e.Content, (e as IContentChangeEvent)?.Change);
}
