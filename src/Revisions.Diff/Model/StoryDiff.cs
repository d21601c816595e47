using System.Text.Json.Serialization;
using Revisions.Domain.Stories;

namespace Revisions.Diff;

/// <summary>
/// What changed between two versions of a story: the single-value fields in display order, then the body
/// block by block. Serialises to a clean JSON shape with lower-case operation names.
/// </summary>
public sealed record StoryDiff
{
    public required IReadOnlyList<FieldDiff> Fields { get; init; }
    public required IReadOnlyList<BlockDiff> Body { get; init; }
    public required DiffSummary Summary { get; init; }

    /// <summary>
    /// True when part of the comparison was too costly to do word by word (or to pair blocks by similarity)
    /// and a coarser but still correct answer was given instead; <see cref="DegradedReason"/> says where.
    /// </summary>
    public bool Degraded { get; init; }
    public string? DegradedReason { get; init; }

    /// <summary>True when nothing changed that the options count: every field unchanged, every block equal.</summary>
    public bool IsEmpty =>
        Fields.All(f => f.Op == FieldOp.Unchanged) && Body.All(b => b.Op == BlockOp.Equal);

    /// <summary>
    /// Rebuilds the newer version from the older one using only this diff's operations (equal and moved
    /// blocks take their text from <paramref name="from"/>; edited ones are rebuilt from the word operations).
    /// Throws <see cref="InvalidOperationException"/> when <paramref name="from"/> is not the version the diff
    /// was made from.
    /// </summary>
    public StoryContent Apply(StoryContent from) => DiffApplier.Apply(this, from);
}
