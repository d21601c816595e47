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
}
