using CsCheck;
using Revisions.Domain.Stories;

namespace Revisions.Domain.Tests.Stories;

public class content_rules
{
    private static StoryContent Story(params Block[] body) => new("Talks resume", null, null, null, body);

    [Fact]
    public void a_normal_story_passes() =>
        ContentRules.Check(Story(Block.Paragraph("Delegations meet in Istanbul."), Block.Subheading("Reactions")), ContentLimits.Default).ShouldBeEmpty();

    [Fact]
    public void an_oversize_block_is_flagged_as_oversize()
    {
        var problem = ContentRules.Check(Story(Block.Paragraph(new string('a', 20_001))), ContentLimits.Default).ShouldHaveSingleItem();
        problem.Oversize.ShouldBeTrue();
        problem.Field.ShouldBe("body[0].text");
    }

    [Theory]
    [InlineData(0x0007)]
    [InlineData(0xD800)]
    [InlineData(0xDC00)]
    public void broken_text_is_refused_naming_the_block(int character) =>
        ContentRules.Check(Story(Block.Paragraph("Fine."), Block.Paragraph($"Broken {(char)character} text")), ContentLimits.Default)
            .ShouldHaveSingleItem().Field.ShouldBe("body[1].text");

    [Fact]
    public void emoji_and_line_breaks_are_fine() =>
        ContentRules.Check(Story(Block.Paragraph("Crowds cheered 🎉\nin Kyiv")), ContentLimits.Default).ShouldBeEmpty();

    [Fact]
    public void an_unknown_block_type_is_refused() =>
        ContentRules.Check(Story(new Block((BlockType)7, "x")), ContentLimits.Default).ShouldHaveSingleItem().Field.ShouldBe("body[0].type");

    [Fact]
    public void a_block_whose_type_was_never_given_is_refused_naming_it() =>
        ContentRules.Check(Story(Block.Paragraph("Fine."), new Block(default, "No type.")), ContentLimits.Default)
            .ShouldHaveSingleItem().ShouldSatisfyAllConditions(
                p => p.Field.ShouldBe("body[1].type"),
                p => p.Message.ShouldContain("no type"));

    [Theory]
    [InlineData("\uFEFF")]
    [InlineData("\u200B\u200C\u200D")]
    [InlineData(" \u2060 \u00AD ")]
    [InlineData("\u202E\u2066")]
    [InlineData("\u3164")]
    [InlineData("\u0301")]
    public void a_headline_with_no_visible_character_is_refused(string headline) =>
        ContentRules.Check(new StoryContent(headline, null, null, null, []), ContentLimits.Default)
            .ShouldContain(p => p.Field == "headline" && p.Message.StartsWith("A story needs a headline"));

    [Fact]
    public void a_block_with_no_visible_character_is_refused_as_empty() =>
        ContentRules.Check(Story(Block.Paragraph("\u200B\uFEFF")), ContentLimits.Default)
            .ShouldHaveSingleItem().Field.ShouldBe("body[0].text");

    [Theory]
    [InlineData("\u202A")]
    [InlineData("\u202B")]
    [InlineData("\u202C")]
    [InlineData("\u202D")]
    [InlineData("\u202E")]
    [InlineData("\u2066")]
    [InlineData("\u2067")]
    [InlineData("\u2068")]
    [InlineData("\u2069")]
    public void a_headline_with_a_bidirectional_control_is_refused_but_a_paragraph_may_have_one(string control)
    {
        ContentRules.Check(new StoryContent($"Talks {control}resume", $"Talks{control}", null, null, []), ContentLimits.Default)
            .Select(p => p.Field).ShouldBe(["headline", "shortHeadline"]);
        ContentRules.Check(Story(Block.Paragraph($"Quoted: {control}text")), ContentLimits.Default).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("Talks")]
    [InlineData("東京")]
    [InlineData("ÄÖÜ")]
    [InlineData("🎉")]
    [InlineData("\u200FשלוםA")]
    [InlineData("e\u0301")]
    public void a_headline_in_any_script_is_visible(string headline) =>
        TextRules.HasVisibleCharacter(headline).ShouldBeTrue();

    [Fact]
    public void the_first_control_or_broken_character_is_found_wherever_it_stands_in_any_text()
    {
        // Every character class the rule cares about, mixed with ordinary text of several scripts.
        var pieces = Gen.OneOf("a", "Talks ", "東京", "🎉", "\t", "\n", "\r", "\0", "\u0007", "\u007F", "\u0085", "\u009F", "\u00A0",
            "\uD83C", "\uDF89", "\uDBFF\uDFFF", "\u200B", "\uFFFD");
        pieces.Array[0, 40].Select(p => string.Concat(p)).Sample(text => TextRules.InvalidCharacterAt(text).ShouldBe(CharacterByCharacter(text), text), iter: 5_000);
    }

    /// <summary>The rule read one character at a time, as it is written.</summary>
    private static int CharacterByCharacter(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsControl(c) && c is not ('\t' or '\n' or '\r')) return i;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }
            if (char.IsSurrogate(c)) return i;
        }
        return -1;
    }
}
