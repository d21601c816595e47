namespace Revisions.Domain.Stories;

/// <summary>
/// Reads a change of content the way a standards editor would (docs/standards.md): its kinds, a line for
/// people, and whether it is substantive. A decision that changes content records the reading in its event,
/// so the change is read once, when it is made; the rules themselves live in the diff engine
/// (Revisions.Diff's <c>ChangeReader</c>), which compares texts and knows nothing of stories' history.
/// </summary>
public interface IChangeReader
{
    ClassifiedChange Read(StoryContent before, StoryContent after);
}
