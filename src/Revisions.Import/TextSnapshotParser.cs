using System.Text.RegularExpressions;
using Revisions.Domain.Stories;

namespace Revisions.Import;

/// <summary>
/// Reads the two plain-text shapes. A file may hold several snapshots one after another: a new one starts at
/// a line carrying the CMS <c>Headline</c> label, or after a separator line of three or more dashes (the only
/// way to tell two page renders apart, since a page render has no labels).
/// </summary>
internal static partial class TextSnapshotParser
{
    public static List<Draft> Parse(string file, IReadOnlyList<SourceLine> lines)
    {
        var drafts = new List<Draft>();
        foreach (var segment in Split(lines))
        {
            var content = segment.Where(l => !l.IsBlank).ToList();
            if (content.Count == 0) continue;
            drafts.Add(CmsLabels.TryMatch(content[0].Text, out _) ? ParseCms(file, content) : ParsePage(file, content));
        }
        if (drafts.Count == 0)
            throw new ImportException(file, null, "The file holds no snapshot, only separators.");
        return drafts;
    }

    private static IEnumerable<List<SourceLine>> Split(IReadOnlyList<SourceLine> lines)
    {
        var current = new List<SourceLine>();
        foreach (var line in lines)
        {
            var separator = Separator().IsMatch(line.Text);
            var startsExport = CmsLabels.TryMatch(line.Text, out var label) && label.Field == CmsField.Headline;
            if ((separator || startsExport) && current.Count > 0)
            {
                yield return current;
                current = [];
            }
            if (!separator) current.Add(line);
        }
        if (current.Count > 0) yield return current;
    }

    /// <summary>A page render: the headline line, the standfirst line, then one line per body block.</summary>
    private static Draft ParsePage(string file, List<SourceLine> lines)
    {
        if (lines.Count < 3)
            throw new ImportException(file, lines[0].Number,
                "The page render starting here has no body: expected a headline line, a standfirst line, then one line per paragraph or subheading.");
        var fields = new Dictionary<string, int>
        {
            [StoryContent.Fields.Headline] = lines[0].Number,
            [StoryContent.Fields.Standfirst] = lines[1].Number
        };
        var body = Blocks(lines.Skip(2), fields);
        return new Draft(new StoryContent(lines[0].Text.Trim(), null, lines[1].Text.Trim(), null, body), null, lines[0].Number, fields);
    }

    /// <summary>A CMS field export: labelled fields, then the body (after a Body label or the first unlabelled line).</summary>
    private static Draft ParseCms(string file, List<SourceLine> lines)
    {
        var start = lines[0].Number;
        var values = new Dictionary<CmsField, string>();
        var fields = new Dictionary<string, int>();
        var i = 0;
        while (i < lines.Count && CmsLabels.TryMatch(lines[i].Text, out var label))
        {
            var labelLine = lines[i].Number;
            i++;
            if (label.Field == CmsField.Body)
            {
                // "BodyFirst paragraph…" or "Body: First paragraph…" carries the first block on the label's line.
                if (!string.IsNullOrEmpty(label.Value))
                {
                    i--;
                    lines[i] = lines[i] with { Text = label.Value };
                }
                break;
            }
            if (values.ContainsKey(label.Field))
                throw new ImportException(file, labelLine, $"The {CmsLabels.Name(label.Field)} field appears twice in one CMS export.");
            var value = label.Value;
            if (value is null && i < lines.Count && !CmsLabels.TryMatch(lines[i].Text, out _))
                value = lines[i++].Text.Trim();
            values[label.Field] = value ?? "";
            fields[FieldName(label.Field)] = labelLine;
        }

        if (!values.TryGetValue(CmsField.Headline, out var headline))
            throw new ImportException(file, start, "The CMS export starting here has no Headline field; it must start with the Headline label.");
        if (string.IsNullOrWhiteSpace(headline))
            throw new ImportException(file, fields[StoryContent.Fields.Headline], "The Headline field is empty.");
        if (i >= lines.Count)
            throw new ImportException(file, start,
                $"The CMS export starting here has no body: expected paragraphs after its fields (line {lines[^1].Number}).");

        var body = Blocks(lines.Skip(i), fields);
        var content = new StoryContent(headline, Get(values, CmsField.ShortHeadline), Get(values, CmsField.Standfirst), Get(values, CmsField.Byline), body);
        return new Draft(content, null, start, fields);
    }

    private static List<Block> Blocks(IEnumerable<SourceLine> lines, Dictionary<string, int> fields)
    {
        var blocks = new List<Block>();
        foreach (var line in lines)
        {
            var text = line.Text.Trim();
            fields[Draft.BlockKey(blocks.Count)] = line.Number;
            blocks.Add(SubheadingRule.IsSubheading(text) ? Block.Subheading(text) : Block.Paragraph(text));
        }
        return blocks;
    }

    private static string? Get(Dictionary<CmsField, string> values, CmsField field) =>
        values.TryGetValue(field, out var v) && !string.IsNullOrWhiteSpace(v) ? v : null;

    private static string FieldName(CmsField field) => field switch
    {
        CmsField.Headline => StoryContent.Fields.Headline,
        CmsField.ShortHeadline => StoryContent.Fields.ShortHeadline,
        CmsField.Standfirst => StoryContent.Fields.Standfirst,
        CmsField.Byline => StoryContent.Fields.Byline,
        _ => StoryContent.Fields.Body
    };

    [GeneratedRegex(@"^\s*-{3,}\s*$")]
    private static partial Regex Separator();
}
