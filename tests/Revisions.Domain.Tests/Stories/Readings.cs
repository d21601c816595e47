using Revisions.Domain.Stories;

namespace Revisions.Domain.Tests.Stories;

/// <summary>
/// Change readings for decisions under test: what counts as substantive is the diff engine's business (tested
/// in Revisions.Diff.Tests); what a story does with a reading is the domain's.
/// </summary>
public sealed class Readings(bool substantive) : IChangeReader
{
    /// <summary>Every change is substantive (a fact changed).</summary>
    public static readonly Readings AnyChange = new(substantive: true);

    /// <summary>No change is substantive (a typo).</summary>
    public static readonly Readings Typos = new(substantive: false);

    public ClassifiedChange Read(StoryContent before, StoryContent after) =>
        substantive ? new(0, ["number"], "Changed a number", true) : new(0, ["typo"], "Corrected a spelling", false);
}
