using Revisions.Domain.Stories;

namespace Revisions.Api.Public;

/// <summary>The article as readers see it, shared by the story page and the version permalinks.</summary>
public static class StoryMarkup
{
    public static void Article(HtmlWriter html, StoryContent content, Action<HtmlWriter> meta, Action<HtmlWriter>? end = null)
    {
        html.Raw("<article class=\"story\">\n<header>\n<h1>").Text(content.Headline).Raw("</h1>\n");
        if (content.Standfirst is not null) html.Raw("<p class=\"standfirst\">").Text(content.Standfirst).Raw("</p>\n");
        if (content.Byline is not null) html.Raw("<p class=\"byline\">").Text(content.Byline).Raw("</p>\n");
        meta(html);
        html.Raw("</header>\n<div class=\"story-body\">\n");
        foreach (var block in content.Body)
        {
            // The headline is the page's h1, so subheadings are the next level down.
            var element = block.Type == BlockType.Subheading ? "h2" : "p";
            html.Raw($"<{element}>").Text(block.Text).Raw($"</{element}>\n");
        }
        html.Raw("</div>\n");
        end?.Invoke(html);
        html.Raw("</article>\n");
    }

    public static void Notes(HtmlWriter html, IEnumerable<PublicUpdate> updates, string slug)
    {
        var noted = updates.Where(u => u.Notes.Count > 0).Reverse().ToList();
        if (noted.Count == 0) return;
        html.Raw("<section class=\"notes\" aria-labelledby=\"notes-title\">\n<h2 id=\"notes-title\">Notes on updates</h2>\n<ul>\n");
        foreach (var update in noted)
        {
            foreach (var note in update.Notes)
            {
                html.Raw("<li><a href=\"").Attr(ReaderPage.ChangesUrl(slug)).Raw("#").Raw(ReaderPage.UpdateAnchor(update.Version)).Raw("\">")
                    .Time(update.At).Raw("</a> <strong>").Text(note.Label).Raw(":</strong> ").Text(note.Text).Raw("</li>\n");
            }
        }
        html.Raw("</ul>\n</section>\n");
    }
}
