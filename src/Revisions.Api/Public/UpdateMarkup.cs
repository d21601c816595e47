using Revisions.Diff;
using Revisions.Domain.Stories;

namespace Revisions.Api.Public;

/// <summary>One update on the changes page: its heading, notes, summary and the diff in both views.</summary>
public static class UpdateMarkup
{
    public static void Section(HtmlWriter html, string slug, PublicUpdate update, string heading,
        StoryContent? before, StoryContent after, bool isNew)
    {
        var anchor = ReaderPage.UpdateAnchor(update.Version);
        html.Raw("<section class=\"update\" id=\"").Raw(anchor).Raw("\" aria-labelledby=\"").Raw(anchor).Raw("-title\">\n")
            .Raw("<h2 id=\"").Raw(anchor).Raw("-title\">").Text(heading).Raw(" <span class=\"when\">").Time(update.At).Raw("</span>");
        if (isNew) html.Raw(" <span class=\"new\">New</span>");
        html.Raw("</h2>\n");
        foreach (var note in update.Notes) html.Raw("<p class=\"note\"><strong>").Text(note.Label).Raw(":</strong> ").Text(note.Text).Raw("</p>\n");

        if (before is null) html.Raw(update.Captured ? "<p class=\"summary\">First seen in an archive's capture of the page.</p>\n" : "<p class=\"summary\">First published.</p>\n");
        else Diff(html, before, after);

        html.Raw("<p class=\"permalink\"><a href=\"").Attr(ReaderPage.VersionUrl(slug, update.Version))
            .Raw("\">The story as published in update ").Number(update.Number).Raw("</a></p>\n</section>\n");
    }

    public static void Diff(HtmlWriter html, StoryContent before, StoryContent after)
    {
        StoryDiff diff;
        try
        {
            diff = StoryDiffer.Compare(before, after);
        }
        catch (DiffTooLargeException)
        {
            html.Raw("<p class=\"summary\">This update is too large to show word by word; read the two versions instead.</p>\n");
            return;
        }
        html.Raw("<p class=\"summary\">").Text(UpdateSummary.Describe(diff)).Raw("</p>\n");
        if (diff.IsEmpty) return;
        html.Raw("<div class=\"inline-view\">\n").Raw(HtmlDiffRenderer.Render(diff, HtmlWriter.Encoder)).Raw("</div>\n")
            .Raw("<div class=\"sbs-view\">\n");
        SideBySide.Render(html, diff);
        html.Raw("</div>\n");
    }

    /// <summary>A pure-CSS switch between the two views: no script, and it works before any script loads.</summary>
    public static void ViewSwitch(HtmlWriter html) =>
        html.Raw("<fieldset class=\"views\"><legend>Show changes</legend>\n")
            .Raw("<input type=\"radio\" name=\"view\" id=\"view-inline\" value=\"inline\" checked> <label for=\"view-inline\">Inline</label>\n")
            .Raw("<input type=\"radio\" name=\"view\" id=\"view-sbs\" value=\"side-by-side\"> <label for=\"view-sbs\">Side by side</label>\n")
            .Raw("</fieldset>\n");

    /// <summary>"Compare any two updates": a plain GET form, so the comparison has a URL of its own.</summary>
    public static void CompareForm(HtmlWriter html, string slug, IReadOnlyList<PublicUpdate> updates, int from, int to)
    {
        html.Raw("<form class=\"compare\" method=\"get\" action=\"").Attr(ReaderPage.ChangesUrl(slug)).Raw("\">\n")
            .Raw("<fieldset><legend>Compare any two updates</legend>\n");
        Select(html, "from", "From", updates, from);
        Select(html, "to", "To", updates, to);
        html.Raw("<button type=\"submit\">Compare</button>\n</fieldset>\n</form>\n");
    }

    private static void Select(HtmlWriter html, string name, string label, IReadOnlyList<PublicUpdate> updates, int selected)
    {
        html.Raw("<label for=\"").Raw(name).Raw("\">").Text(label).Raw("</label> <select id=\"").Raw(name).Raw("\" name=\"").Raw(name).Raw("\">\n");
        foreach (var u in updates)
        {
            html.Raw("<option value=\"").Number(u.Version).Raw(u.Version == selected ? "\" selected>" : "\">")
                .Text($"Update {u.Number} — {u.At.UtcDateTime:d MMM yyyy HH:mm} UTC").Raw("</option>\n");
        }
        html.Raw("</select>\n");
    }
}
