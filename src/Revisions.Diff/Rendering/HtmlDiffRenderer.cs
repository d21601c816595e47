using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Revisions.Domain.Stories;

namespace Revisions.Diff;

/// <summary>
/// Renders a diff as an HTML fragment to drop into a page. Every piece of story text is HTML-encoded.
/// Changes are marked with &lt;ins&gt;/&lt;del&gt; (which carry meaning for assistive technology and print)
/// and a text label per changed block, so colour is never the only cue. CSS hooks: <c>rev-diff</c>,
/// <c>rev-field</c>, <c>rev-block</c> plus <c>rev-{op}</c>, and <c>data-op</c> attributes. The API host writes the
/// same markup from a component of its own (InlineDiff), as this library takes no web dependency; a test there
/// keeps the two alike.
/// </summary>
public static class HtmlDiffRenderer
{
    // Letters of every script stay readable in the markup; <, >, &, quotes and the like are always encoded.
    private static readonly HtmlEncoder ReadableEncoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static string Render(StoryDiff diff, HtmlEncoder? encoder = null)
    {
        ArgumentNullException.ThrowIfNull(diff);
        var html = new HtmlWriter(encoder ?? ReadableEncoder);
        html.Raw($"<div class=\"rev-diff\" data-empty=\"{Bool(diff.IsEmpty)}\" data-degraded=\"{Bool(diff.Degraded)}\">\n");
        html.Raw("<p class=\"rev-summary\">").Text(Rendering.SummaryText.Describe(diff)).Raw("</p>\n");
        if (diff.Degraded)
            html.Raw("<p class=\"rev-degraded\" role=\"note\">Parts of this comparison were simplified: ")
                .Text(diff.DegradedReason ?? "").Raw(".</p>\n");

        html.Raw("<dl class=\"rev-fields\">\n");
        foreach (var field in diff.Fields) RenderField(html, field);
        html.Raw("</dl>\n<div class=\"rev-body\">\n");
        foreach (var block in diff.Body) RenderBlock(html, block);
        html.Raw("</div>\n</div>\n");
        return html.ToString();
    }

    private static void RenderField(HtmlWriter html, FieldDiff field)
    {
        if (field.Op == FieldOp.Unchanged && field.From is null && field.To is null) return;
        var op = OpName(field.Op);
        html.Raw($"<div class=\"rev-field rev-{op}\" data-field=\"").Attr(field.Field).Raw($"\" data-op=\"{op}\">")
            .Raw("<dt>").Text(Rendering.SummaryText.FieldLabel(field.Field));
        if (field.Op != FieldOp.Unchanged) html.Raw(" <span class=\"rev-label\">(").Text(op).Raw(")</span>");
        html.Raw("</dt><dd>");
        switch (field.Op)
        {
            case FieldOp.Added: html.Raw("<ins>").Text(field.To).Raw("</ins>"); break;
            case FieldOp.Removed: html.Raw("<del>").Text(field.From).Raw("</del>"); break;
            default:
                if (field.Words.Count > 0) Words(html, field.Words);
                else html.Text(field.To);
                break;
        }
        html.Raw("</dd></div>\n");
    }

    private static void RenderBlock(HtmlWriter html, BlockDiff block)
    {
        var op = OpName(block.Op);
        html.Raw($"<div class=\"rev-block rev-{op}\" data-op=\"{op}\"");
        if (block.FromIndex is { } from) html.Raw($" data-from-index=\"{from}\"");
        if (block.ToIndex is { } to) html.Raw($" data-to-index=\"{to}\"");
        html.Raw(">");
        if (block.Op != BlockOp.Equal)
            html.Raw("<span class=\"rev-label\">").Text(Rendering.SummaryText.BlockLabel(block)).Raw("</span>");

        var element = (block.ToType ?? block.FromType) == BlockType.Subheading ? "h3" : "p";
        html.Raw($"<{element}>");
        switch (block.Op)
        {
            case BlockOp.Insert: html.Raw("<ins>").Text(block.ToText).Raw("</ins>"); break;
            case BlockOp.Delete: html.Raw("<del>").Text(block.FromText).Raw("</del>"); break;
            default:
                if (block.Words.Count > 0) Words(html, block.Words);
                else html.Text(block.ToText);
                break;
        }
        html.Raw($"</{element}></div>\n");
    }

    private static void Words(HtmlWriter html, IReadOnlyList<WordOp> words)
    {
        foreach (var w in words)
        {
            switch (w.Op)
            {
                case WordOpKind.Insert: html.Raw("<ins>").Text(w.Text).Raw("</ins>"); break;
                case WordOpKind.Delete: html.Raw("<del>").Text(w.Text).Raw("</del>"); break;
                default: html.Text(w.Text); break;
            }
        }
    }

    private static string Bool(bool value) => value ? "true" : "false";

    private static string OpName(FieldOp op) => op switch
    {
        FieldOp.Added => "added",
        FieldOp.Removed => "removed",
        FieldOp.Modified => "modified",
        _ => "unchanged"
    };

    private static string OpName(BlockOp op) => op switch
    {
        BlockOp.Insert => "insert",
        BlockOp.Delete => "delete",
        BlockOp.Modify => "modify",
        BlockOp.Move => "move",
        _ => "equal"
    };

    /// <summary>Keeps markup we write (Raw) apart from text we were given (Text/Attr), which is always encoded.</summary>
    private sealed class HtmlWriter(HtmlEncoder encoder)
    {
        private readonly StringBuilder _html = new();

        public HtmlWriter Raw(string markup) { _html.Append(markup); return this; }

        public HtmlWriter Text(string? text)
        {
            if (!string.IsNullOrEmpty(text)) _html.Append(encoder.Encode(text));
            return this;
        }

        public HtmlWriter Attr(string? value) => Text(value);

        public override string ToString() => _html.ToString();
    }
}
