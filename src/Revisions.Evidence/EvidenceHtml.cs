using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Revisions.Evidence;

/// <summary>
/// A plain, self-contained page of the story as published, rendered the same way by the server and by the
/// verifier, so the page in a bundle can be checked byte for byte against the published content.
/// </summary>
public static class EvidenceHtml
{
    public static string Render(PublishedAt story)
    {
        var e = HtmlEncoder.Default;
        var c = story.Content;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        html.Append("<title>").Append(e.Encode(Text(c, "headline"))).Append("</title>\n</head>\n<body>\n<article>\n");
        html.Append("<p>As published from ").Append(e.Encode(Chain.Time(story.LiveFrom)))
            .Append(story.LiveUntil is { } until ? " until " + e.Encode(Chain.Time(until)) : " (still live at the time of this record)")
            .Append(", version ").Append(story.PublishVersion).Append(".</p>\n");
        html.Append("<h1>").Append(e.Encode(Text(c, "headline"))).Append("</h1>\n");
        foreach (var field in new[] { "shortHeadline", "standfirst", "byline" })
        {
            var value = Text(c, field);
            if (value.Length > 0) html.Append("<p class=\"").Append(field).Append("\">").Append(e.Encode(value)).Append("</p>\n");
        }
        if (c.TryGetProperty("body", out var body) && body.ValueKind == JsonValueKind.Array)
        {
            foreach (var block in body.EnumerateArray())
            {
                var tag = Text(block, "type") == "subheading" ? "h2" : "p";
                html.Append('<').Append(tag).Append('>').Append(e.Encode(Text(block, "text"))).Append("</").Append(tag).Append(">\n");
            }
        }
        html.Append("</article>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static string Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString() ?? ""
            : "";
}
