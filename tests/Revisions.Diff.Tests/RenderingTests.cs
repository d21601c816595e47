using System.Text.Json;
using Revisions.Diff.Tests.Support;
using Revisions.Domain.Stories;
using static Revisions.Diff.Tests.Support.Stories;

namespace Revisions.Diff.Tests;

public class HtmlRenderingTests
{
    [Fact]
    public void Script_in_a_paragraph_and_in_the_headline_is_shown_as_text_never_as_markup()
    {
        var from = Story("Calm paragraph.") with { Headline = "Plain headline" };
        var to = Story("Calm paragraph <script>alert(1)</script>.", "<img src=x onerror=alert(2)>")
            with { Headline = "Plain <script>alert(1)</script> headline" };

        var html = HtmlDiffRenderer.Render(StoryDiffer.Compare(from, to));

        html.ShouldNotContain("<script");
        html.ShouldNotContain("<img");
        html.ShouldContain("&lt;script&gt;");
        html.ShouldContain("&lt;img src=x onerror=alert(2)&gt;");
    }

    [Fact]
    public void Quotes_and_ampersands_are_encoded_in_text_and_attributes()
    {
        var html = HtmlDiffRenderer.Render(StoryDiffer.Compare(
            Story("Tom said \"hi\" & left."), Story("Tom said 'bye' & left.")));

        html.ShouldNotContain("\"hi\"");
        html.ShouldNotContain("'bye'");
        html.ShouldNotContain(" & ");
        html.ShouldContain("&amp;");
        html.ShouldContain("&quot;hi&quot;");
        html.ShouldContain("&#x27;bye&#x27;");
    }

    [Fact]
    public void Changes_are_marked_with_ins_and_del_and_labelled_in_words_not_only_colour()
    {
        var html = HtmlDiffRenderer.Render(StoryDiffer.Compare(
            Story("UK prime minister Kier Starmer spoke.", "Old line."),
            Story("UK prime minister Keir Starmer spoke.", "Brand new sentence here.")));

        html.ShouldStartWith("<div class=\"rev-diff\"");
        html.ShouldContain("<del>Kier</del><ins>Keir</ins>");
        html.ShouldContain("<div class=\"rev-block rev-modify\" data-op=\"modify\" data-from-index=\"0\" data-to-index=\"0\">");
        html.ShouldContain("<span class=\"rev-label\">Changed paragraph</span>");
        html.ShouldContain("<div class=\"rev-block rev-delete\" data-op=\"delete\" data-from-index=\"1\"><span class=\"rev-label\">Removed paragraph</span><p><del>Old line.</del></p></div>");
        html.ShouldContain("<ins>Brand new sentence here.</ins>");
    }

    [Fact]
    public void Non_latin_text_stays_readable_in_the_markup()
    {
        var html = HtmlDiffRenderer.Render(StoryDiffer.Compare(Story("Россия и Украина"), Story("Россия и Украина “talk”")));
        html.ShouldContain("Россия и Украина");
        html.ShouldContain("“talk”");
    }

    [Fact]
    public void Subheadings_render_as_headings_and_moves_say_where_they_came_from()
    {
        var html = HtmlDiffRenderer.Render(StoryDiffer.Compare(
            Story([Block.Subheading("Reaction"), Block.Paragraph("One two three four."), Block.Paragraph("Five six seven.")]),
            Story([Block.Subheading("Reaction"), Block.Paragraph("Five six seven."), Block.Paragraph("One two three four.")])));

        html.ShouldContain("<h3>Reaction</h3>");
        html.ShouldContain("data-op=\"move\"");
        html.ShouldContain("Moved paragraph (was 2)");
    }
}

public class TextRenderingTests
{
    [Fact]
    public void The_plain_text_diff_has_a_summary_line_and_word_markers_inside_changed_blocks()
    {
        var text = TextDiffRenderer.Render(StoryDiffer.Compare(
            Story("Intro.", "UK prime minister Kier Starmer spoke.", "Old line."),
            Story("Intro.", "UK prime minister Keir Starmer spoke.", "Brand new sentence here.")));

        text.ShouldBe("""
            Changes: blocks: 1 added, 1 removed, 1 modified, 1 unchanged; words: 5 added, 3 removed.
              (1 unchanged block)
            ~ [2] UK prime minister [-Kier-]{+Keir+} Starmer spoke.
            - [3] Old line.
            + [3] Brand new sentence here.

            """.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Fields_moves_and_type_changes_are_spelled_out()
    {
        var from = new StoryContent("Talks resume", null, "Both sides meet.", null,
            [Block.Paragraph("Alpha beta gamma."), Block.Paragraph("Delta epsilon."), Block.Paragraph("Reaction")]);
        var to = new StoryContent("Talks resume in Istanbul", "Talks", "Both sides meet.", null,
            [Block.Paragraph("Delta epsilon."), Block.Paragraph("Alpha beta gamma."), Block.Subheading("Reaction")]);

        var text = TextDiffRenderer.Render(StoryDiffer.Compare(from, to));

        text.ShouldContain("~ headline: Talks resume{+ in Istanbul+}\n");
        text.ShouldContain("+ shortHeadline: Talks\n");
        text.ShouldNotContain("standfirst");
        text.ShouldContain("> [1->2] Alpha beta gamma.\n");
        text.ShouldContain("~ [3] (paragraph -> subheading) Reaction\n");
    }

    [Fact]
    public void No_changes_says_so()
    {
        TextDiffRenderer.Render(StoryDiffer.Compare(Story("Same."), Story("Same."))).ShouldStartWith("Changes: No changes.\n");
    }
}

public class JsonShapeTests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    [Fact]
    public void Plain_System_Text_Json_with_web_defaults_writes_camelCase_names_and_lower_case_ops()
    {
        var diff = StoryDiffer.Compare(
            Story("UK prime minister Kier Starmer spoke.") with { Byline = "By A" },
            Story("UK prime minister Keir Starmer spoke.") with { Standfirst = "New standfirst" });

        using var json = JsonDocument.Parse(JsonSerializer.Serialize(diff, Web));
        var root = json.RootElement;

        root.GetProperty("isEmpty").GetBoolean().ShouldBeFalse();
        root.GetProperty("degraded").GetBoolean().ShouldBeFalse();
        var fields = root.GetProperty("fields").EnumerateArray().ToDictionary(f => f.GetProperty("field").GetString()!, f => f.GetProperty("op").GetString());
        fields.ShouldBe(new Dictionary<string, string?>
        {
            ["headline"] = "unchanged", ["shortHeadline"] = "unchanged", ["standfirst"] = "added", ["byline"] = "removed"
        });

        var block = root.GetProperty("body")[0];
        block.GetProperty("op").GetString().ShouldBe("modify");
        block.GetProperty("fromIndex").GetInt32().ShouldBe(0);
        block.GetProperty("toType").GetString().ShouldBe("paragraph");
        block.GetProperty("words").EnumerateArray().Select(w => w.GetProperty("op").GetString()).ShouldBe(["equal", "delete", "insert", "equal"]);
        block.GetProperty("words")[1].GetProperty("text").GetString().ShouldBe("Kier");
        root.GetProperty("summary").GetProperty("wordsAdded").GetInt32().ShouldBe(3);
    }

    [Fact]
    public void Every_operation_name_is_lower_case_in_json()
    {
        string Name<T>(T value) => JsonSerializer.Serialize(value, Web);
        Enum.GetValues<BlockOp>().Select(Name).ShouldBe(["\"equal\"", "\"insert\"", "\"delete\"", "\"modify\"", "\"move\""]);
        Enum.GetValues<FieldOp>().Select(Name).ShouldBe(["\"unchanged\"", "\"added\"", "\"removed\"", "\"modified\""]);
        Enum.GetValues<WordOpKind>().Select(Name).ShouldBe(["\"equal\"", "\"insert\"", "\"delete\""]);
    }

    [Fact]
    public void A_diff_read_back_from_json_still_applies()
    {
        var from = Story("One two three.", "Four five six.", "Seven eight.");
        var to = Story("Seven eight.", "One two THREE.", "Nine ten.");
        var json = JsonSerializer.Serialize(StoryDiffer.Compare(from, to), Web);

        JsonSerializer.Deserialize<StoryDiff>(json, Web)!.Apply(from).ShouldBe(to);
    }
}
