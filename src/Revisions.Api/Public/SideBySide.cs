using Revisions.Diff;
using Revisions.Domain.Stories;

namespace Revisions.Api.Public;

/// <summary>
/// A diff as a two-column table, before and after, row by row. The inline view comes from the diff engine's
/// own renderer; this one exists because readers comparing long paragraphs find two columns easier, and a
/// table keeps "before" and "after" announced for each row by assistive technology.
/// </summary>
public static class SideBySide
{
    private enum Show { Absent, Plain, Whole, Words }

    public static void Render(HtmlWriter html, StoryDiff diff)
    {
        html.Raw("<table class=\"sbs\">\n<thead><tr><th scope=\"col\">Before</th><th scope=\"col\">After</th></tr></thead>\n<tbody>\n");
        foreach (var field in diff.Fields.Where(f => f.Op != FieldOp.Unchanged))
        {
            var changed = field.Words.Count > 0 ? Show.Words : Show.Whole;
            html.Raw("<tr class=\"field\">");
            Cell(html, Label(field.Field), field.From, field.Words, WordOpKind.Delete, field.Op == FieldOp.Added ? Show.Absent : changed);
            Cell(html, Label(field.Field), field.To, field.Words, WordOpKind.Insert, field.Op == FieldOp.Removed ? Show.Absent : changed);
            html.Raw("</tr>\n");
        }
        foreach (var block in diff.Body)
        {
            var (before, after) = block.Op switch
            {
                BlockOp.Equal => (Show.Plain, Show.Plain),
                BlockOp.Insert => (Show.Absent, Show.Whole),
                BlockOp.Delete => (Show.Whole, Show.Absent),
                BlockOp.Move when !block.HasTextChanges => (Show.Plain, Show.Plain),
                _ => block.Words.Count > 0 ? (Show.Words, Show.Words) : (Show.Whole, Show.Whole)
            };
            var type = block.ToType ?? block.FromType;
            var label = block.Op == BlockOp.Move ? $"Moved from position {block.FromIndex + 1}:" : null;
            html.Raw(block.Op == BlockOp.Equal ? "<tr class=\"same\">" : "<tr class=\"changed\">");
            Cell(html, null, block.FromText, block.Words, WordOpKind.Delete, before, type);
            Cell(html, label, block.ToText, block.Words, WordOpKind.Insert, after, type);
            html.Raw("</tr>\n");
        }
        html.Raw("</tbody>\n</table>\n");
    }

    /// <param name="side">Which word changes belong on this side: deletions before, insertions after.</param>
    private static void Cell(HtmlWriter html, string? label, string? text, IReadOnlyList<WordOp> words, WordOpKind side,
        Show show, BlockType? type = null)
    {
        if (show == Show.Absent)
        {
            html.Raw("<td class=\"absent\"><span>").Text(side == WordOpKind.Delete ? "(new)" : "(removed)").Raw("</span></td>");
            return;
        }
        html.Raw("<td>");
        if (label is not null) html.Raw("<span class=\"cell-label\">").Text(label).Raw("</span>");
        html.Raw(type == BlockType.Subheading ? "<p class=\"sub\">" : "<p>");
        var tag = side == WordOpKind.Delete ? "del" : "ins";
        switch (show)
        {
            case Show.Whole:
                html.Raw($"<{tag}>").Text(text).Raw($"</{tag}>");
                break;
            case Show.Words:
                foreach (var w in words)
                {
                    if (w.Op == WordOpKind.Equal) html.Text(w.Text);
                    else if (w.Op == side) html.Raw($"<{tag}>").Text(w.Text).Raw($"</{tag}>");
                }
                break;
            default:
                html.Text(text);
                break;
        }
        html.Raw("</p></td>");
    }

    private static string Label(string field) => field switch
    {
        StoryContent.Fields.Headline => "Headline:",
        StoryContent.Fields.ShortHeadline => "Short headline:",
        StoryContent.Fields.Standfirst => "Standfirst:",
        StoryContent.Fields.Byline => "Byline:",
        _ => field + ":"
    };
}
