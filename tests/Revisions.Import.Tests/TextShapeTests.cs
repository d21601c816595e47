using Revisions.Domain.Stories;

namespace Revisions.Import.Tests;

public class TextShapeTests
{
    private static IReadOnlyList<Snapshot> Parse(string text) => SnapshotParser.Parse("story.txt", text);

    [Fact]
    public void A_cms_export_may_write_its_labels_with_colons_or_tabs_and_name_a_byline_and_a_body()
    {
        var content = Parse("Headline: Talks resume\nShort Headline\tTalks\nStandfirst: Delegations meet\nByline: Jo Reporter\nBody:\nOfficials met on Friday.\nWhat next\n")[0].Content;

        content.ShouldBe(new StoryContent("Talks resume", "Talks", "Delegations meet", "Jo Reporter",
            [Block.Paragraph("Officials met on Friday."), Block.Subheading("What next")]));
    }

    [Fact]
    public void A_cms_export_may_put_each_label_on_its_own_line_above_its_value()
    {
        var content = Parse("Headline\nTalks resume\nShort Headline\nStandfirst\nDelegations meet\nBody\n\nOfficials met on Friday.\n")[0].Content;

        content.ShouldBe(new StoryContent("Talks resume", null, "Delegations meet", null, [Block.Paragraph("Officials met on Friday.")]));
    }

    [Fact]
    public void A_body_label_glued_to_the_first_paragraph_keeps_that_paragraph()
    {
        var content = Parse("HeadlineTalks resume\nBodyOfficials met on Friday.\nMore followed.\n")[0].Content;

        content.Body.Select(b => b.Text).ShouldBe(["Officials met on Friday.", "More followed."]);
    }

    [Fact]
    public void Ordinary_sentences_that_start_with_a_label_word_are_not_labels()
    {
        var content = Parse("Headline inflation rises again\nPrices climbed in May\nBody of evidence grows.\nBylines matter.\n")[0].Content;

        content.Headline.ShouldBe("Headline inflation rises again");
        content.Body.Count.ShouldBe(2);
    }

    [Fact]
    public void Consecutive_cms_exports_split_at_each_headline_label()
    {
        var snapshots = Parse("HeadlineFirst\nStandfirstOne\nPara one.\nHeadlineSecond\nStandfirstTwo\nPara two.\n");

        snapshots.Select(s => (s.Content.Headline, s.SourceLine)).ShouldBe([("First", 1), ("Second", 4)]);
    }

    [Fact]
    public void Page_renders_are_separated_by_a_line_of_dashes()
    {
        var snapshots = Parse("First\nStand one\nPara one.\n---\n\nSecond\nStand two\nPara two.\n");

        snapshots.Select(s => (s.Content.Headline, s.Content.Standfirst, s.SourceLine)).ShouldBe([("First", "Stand one", 1), ("Second", "Stand two", 6)]);
    }

    [Fact]
    public void A_label_repeated_within_one_export_is_refused_at_the_repeat()
    {
        var error = Should.Throw<ImportException>(() => Parse("HeadlineA\nStandfirstB\nStandfirstC\nPara.\n"));

        error.Line.ShouldBe(3);
        error.Message.ShouldContain("Standfirst field appears twice");
    }

    [Fact]
    public void Blank_lines_between_paragraphs_and_surrounding_spaces_are_not_content()
    {
        var content = Parse("\n  Talks resume  \n\nDelegations meet\n\n  Officials met.  \n\n")[0].Content;

        content.ShouldBe(new StoryContent("Talks resume", null, "Delegations meet", null, [Block.Paragraph("Officials met.")]));
    }
}
