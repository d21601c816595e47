using Revisions.Domain.Stories;

namespace Revisions.Diff.Rendering;

/// <summary>
/// Plain-language pieces shared by the HTML and text renderers here, and by renderers elsewhere that must
/// label a diff in the same words (the reader pages' inline view).
/// </summary>
public static class SummaryText
{
    public static string Describe(StoryDiff diff)
    {
        if (diff.IsEmpty) return "No changes.";
        var s = diff.Summary;
        var parts = new List<string>();
        if (s.FieldsChanged > 0) parts.Add(Count(s.FieldsChanged, "field") + " changed");
        var blocks = new List<string>();
        if (s.BlocksAdded > 0) blocks.Add($"{s.BlocksAdded} added");
        if (s.BlocksRemoved > 0) blocks.Add($"{s.BlocksRemoved} removed");
        if (s.BlocksModified > 0) blocks.Add($"{s.BlocksModified} modified");
        if (s.BlocksMoved > 0) blocks.Add($"{s.BlocksMoved} moved");
        blocks.Add($"{s.BlocksUnchanged} unchanged");
        parts.Add("blocks: " + string.Join(", ", blocks));
        parts.Add($"words: {s.WordsAdded} added, {s.WordsRemoved} removed");
        return string.Join("; ", parts) + ".";
    }

    public static string FieldLabel(string field) => field switch
    {
        StoryContent.Fields.Headline => "Headline",
        StoryContent.Fields.ShortHeadline => "Short headline",
        StoryContent.Fields.Standfirst => "Standfirst",
        StoryContent.Fields.Byline => "Byline",
        _ => field
    };

    public static string TypeName(BlockType? type) => type is { } t ? BlockTypes.Name(t) : "block";

    /// <summary>Human wording of what happened to a block; positions are one-based for readers.</summary>
    public static string BlockLabel(BlockDiff block)
    {
        var type = TypeName(block.ToType ?? block.FromType);
        var label = block.Op switch
        {
            BlockOp.Insert => $"Added {type}",
            BlockOp.Delete => $"Removed {type}",
            BlockOp.Modify => $"Changed {type}",
            BlockOp.Move => block.HasTextChanges
                ? $"Moved and changed {type} (was {block.FromIndex + 1})"
                : $"Moved {type} (was {block.FromIndex + 1})",
            _ => $"Unchanged {type}"
        };
        if (block.FromType is { } f && block.ToType is { } t && f != t)
            label += $", was a {BlockTypes.Name(f)}";
        return label;
    }

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";
}
