using System.Text;
using Revisions.Diff.Rendering;

namespace Revisions.Diff;

/// <summary>
/// Renders a diff as plain text for terminals and e-mail: a summary line, then one line per changed field and
/// block, marked "+" added, "-" removed, "~" changed, ">" moved, with wdiff-style [-old-]{+new+} markers inside.
/// Block numbers are one-based. Runs of unchanged blocks are collapsed unless asked for.
/// </summary>
public static class TextDiffRenderer
{
    public static string Render(StoryDiff diff, bool includeUnchanged = false)
    {
        ArgumentNullException.ThrowIfNull(diff);
        var text = new StringBuilder();
        text.Append("Changes: ").Append(SummaryText.Describe(diff)).Append('\n');
        if (diff.Degraded) text.Append("Note: parts of this comparison were simplified: ").Append(diff.DegradedReason).Append('\n');

        foreach (var field in diff.Fields)
        {
            var marker = field.Op switch { FieldOp.Added => '+', FieldOp.Removed => '-', FieldOp.Modified => '~', _ => ' ' };
            if (marker == ' ' && !includeUnchanged) continue;
            if (marker == ' ' && field.To is null) continue;
            text.Append(marker).Append(' ').Append(field.Field).Append(": ");
            switch (field.Op)
            {
                case FieldOp.Added: text.Append(field.To); break;
                case FieldOp.Removed: text.Append(field.From); break;
                default: Words(text, field.Words, field.To); break;
            }
            text.Append('\n');
        }

        var unchangedRun = 0;
        foreach (var block in diff.Body)
        {
            if (block.Op == BlockOp.Equal && !includeUnchanged)
            {
                unchangedRun++;
                continue;
            }
            FlushUnchanged(text, ref unchangedRun);
            var (marker, position) = block.Op switch
            {
                BlockOp.Insert => ('+', $"{block.ToIndex + 1}"),
                BlockOp.Delete => ('-', $"{block.FromIndex + 1}"),
                BlockOp.Modify => ('~', $"{block.ToIndex + 1}"),
                BlockOp.Move => ('>', $"{block.FromIndex + 1}->{block.ToIndex + 1}"),
                _ => (' ', $"{block.ToIndex + 1}")
            };
            text.Append(marker).Append(" [").Append(position).Append("] ");
            var fromType = block.FromType;
            var toType = block.ToType;
            if (fromType is { } f && toType is { } t && f != t)
                text.Append('(').Append(SummaryText.TypeName(f)).Append(" -> ").Append(SummaryText.TypeName(t)).Append(") ");
            else if ((toType ?? fromType) == Domain.Stories.BlockType.Subheading)
                text.Append("(subheading) ");
            switch (block.Op)
            {
                case BlockOp.Insert: text.Append(block.ToText); break;
                case BlockOp.Delete: text.Append(block.FromText); break;
                default: Words(text, block.Words, block.ToText); break;
            }
            text.Append('\n');
        }
        FlushUnchanged(text, ref unchangedRun);
        return text.ToString();
    }

    private static void FlushUnchanged(StringBuilder text, ref int run)
    {
        if (run == 0) return;
        text.Append("  (").Append(run).Append(run == 1 ? " unchanged block)\n" : " unchanged blocks)\n");
        run = 0;
    }

    private static void Words(StringBuilder text, IReadOnlyList<WordOp> words, string? fallback)
    {
        if (words.Count == 0)
        {
            text.Append(fallback);
            return;
        }
        foreach (var w in words)
        {
            switch (w.Op)
            {
                case WordOpKind.Delete: text.Append("[-").Append(w.Text).Append("-]"); break;
                case WordOpKind.Insert: text.Append("{+").Append(w.Text).Append("+}"); break;
                default: text.Append(w.Text); break;
            }
        }
    }
}
