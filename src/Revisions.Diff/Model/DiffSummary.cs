namespace Revisions.Diff;

/// <summary>Counts for a headline sentence such as "2 paragraphs changed, 14 words added".</summary>
public sealed record DiffSummary(
    int FieldsChanged,
    int BlocksAdded,
    int BlocksRemoved,
    int BlocksModified,
    int BlocksMoved,
    int BlocksUnchanged,
    int WordsAdded,
    int WordsRemoved);
