using Revisions.Domain.Stories;

namespace Revisions.Diff.Classification;

/// <summary>The story's decisions read their changes of content with these rules (<see cref="ChangeClassifier"/>).</summary>
public sealed class ChangeReader : IChangeReader
{
    public static readonly ChangeReader Current = new();

    private ChangeReader()
    {
    }

    public ClassifiedChange Read(StoryContent before, StoryContent after) => ChangeClassifier.Classify(before, after).Record();
}
