using System.Text;
using Revisions.Domain.Stories;

namespace Revisions.Diff;

/// <summary>
/// Replays a diff on the older version. Besides letting tests prove that a diff is complete, it guards
/// against showing a diff next to the wrong version: every older text the diff refers to must match.
/// </summary>
internal static class DiffApplier
{
    public static StoryContent Apply(StoryDiff diff, StoryContent from)
    {
        ArgumentNullException.ThrowIfNull(from);
        var headline = Field(diff, StoryContent.Fields.Headline, from.Headline);
        var shortHeadline = Field(diff, StoryContent.Fields.ShortHeadline, from.ShortHeadline);
        var standfirst = Field(diff, StoryContent.Fields.Standfirst, from.Standfirst);
        var byline = Field(diff, StoryContent.Fields.Byline, from.Byline);
        return new StoryContent(headline ?? "", shortHeadline, standfirst, byline, Body(diff, from.Body ?? []));
    }

    private static string? Field(StoryDiff diff, string name, string? current)
    {
        var field = diff.Fields.SingleOrDefault(f => f.Field == name)
                    ?? throw new InvalidOperationException($"The diff has no entry for the {name}.");
        if (field.From != current)
            throw new InvalidOperationException($"The {name} is not the one this diff was made from.");
        return field.Words.Count > 0 ? NewText(field.Words) : field.To;
    }

    private static List<Block> Body(StoryDiff diff, IReadOnlyList<Block> from)
    {
        var used = new bool[from.Count];
        var result = new Block?[diff.Body.Count(b => b.ToIndex.HasValue)];
        foreach (var op in diff.Body)
        {
            string? oldText = null;
            if (op.FromIndex is { } i)
            {
                if (i < 0 || i >= from.Count || used[i])
                    throw new InvalidOperationException($"The diff refers to block {i} of a body with {from.Count} blocks.");
                used[i] = true;
                if (from[i].Text != op.FromText || from[i].Type != op.FromType)
                    throw new InvalidOperationException($"Block {i} is not the one this diff was made from.");
                oldText = from[i].Text;
            }
            if (op.ToIndex is not { } j) continue;
            if (j < 0 || j >= result.Length || result[j] is not null || op.ToType is not { } type)
                throw new InvalidOperationException($"The diff places a block at position {j} twice or out of range.");
            // Unchanged text comes from the older version; changed text is rebuilt from the word operations
            // (which may be empty: a block emptied of ignored punctuation has no words left).
            var text = op.Op == BlockOp.Insert ? op.ToText
                : op.Words.Count > 0 || op.ToText != oldText ? NewText(op.Words)
                : oldText;
            result[j] = new Block(type, text ?? throw new InvalidOperationException($"The diff has no text for block {j}."));
        }
        if (used.Contains(false))
            throw new InvalidOperationException("The body has blocks this diff does not account for.");
        return result.Select((b, j) => b ?? throw new InvalidOperationException($"The diff leaves block {j} empty.")).ToList();
    }

    private static string NewText(IReadOnlyList<WordOp> words)
    {
        var text = new StringBuilder();
        foreach (var w in words)
            if (w.Op != WordOpKind.Delete) text.Append(w.Text);
        return text.ToString();
    }
}
