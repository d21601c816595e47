using Revisions.Diff.Tests.Support;
using Revisions.Domain.Stories;
using static Revisions.Diff.Tests.Support.Stories;

namespace Revisions.Diff.Tests;

/// <summary>The changes a standards editor asks about, one by one.</summary>
public class EditorialChangeTests
{
    private const string P1 = "Russian and Ukrainian officials have begun direct negotiations in Istanbul.";
    private const string P2 = "Delegations meet at Dolmabahce palace, on the shore of the Bosphorus.";
    private const string P3 = "Moscow now holds around 20% of Ukraine's territory, including Crimea.";
    private const string P4 = "Local residents near frontlines remain under heavy bombardment as diplomatic efforts play out.";
    private const string P5 = "Trump confirmed he plans to meet Putin \"as soon as we can set it up.\"";

    [Fact]
    public void A_one_letter_typo_is_one_modified_block_with_one_word_replaced()
    {
        var diff = StoryDiffer.Compare(Story(P1, "UK prime minister Kier Starmer spoke.", P3),
                                       Story(P1, "UK prime minister Keir Starmer spoke.", P3));

        var block = diff.Changes().ShouldHaveSingleItem();
        block.Op.ShouldBe(BlockOp.Modify);
        block.Words.Text().ShouldBe("UK prime minister [-Kier-]{+Keir+} Starmer spoke.");
        diff.Summary.ShouldBe(new DiffSummary(0, 0, 0, 1, 0, 2, 1, 1));
    }

    [Fact]
    public void A_changed_number_shows_only_the_number()
    {
        var diff = StoryDiffer.Compare(Story(P3), Story(P3.Replace("20%", "25%")));

        diff.Changes().ShouldHaveSingleItem().Words.Text()
            .ShouldBe("Moscow now holds around [-20-]{+25+}% of Ukraine's territory, including Crimea.");
    }

    [Fact]
    public void A_changed_quote_inside_a_paragraph_shows_the_replaced_words_only()
    {
        var diff = StoryDiffer.Compare(Story(P1, P5), Story(P1, P5.Replace("as soon as we can set it up", "very soon")));

        var block = diff.Changes().ShouldHaveSingleItem();
        block.Op.ShouldBe(BlockOp.Modify);
        block.Words[0].ShouldBe(new WordOp(WordOpKind.Equal, "Trump confirmed he plans to meet Putin \""));
        block.Words[^1].ShouldBe(new WordOp(WordOpKind.Equal, ".\""));
        string.Concat(block.Words.Where(w => w.Op == WordOpKind.Delete).Select(w => w.Text)).ShouldContain("set it up");
        string.Concat(block.Words.Where(w => w.Op == WordOpKind.Insert).Select(w => w.Text)).ShouldContain("very");
        diff.Summary.WordsRemoved.ShouldBeGreaterThan(diff.Summary.WordsAdded);
    }

    [Fact]
    public void A_moved_paragraph_is_one_move_not_a_delete_and_an_insert()
    {
        var diff = StoryDiffer.Compare(Story(P1, P2, P3, P4, P5), Story(P1, P3, P4, P5, P2));

        var move = diff.Changes().ShouldHaveSingleItem();
        move.Op.ShouldBe(BlockOp.Move);
        move.FromIndex.ShouldBe(1);
        move.ToIndex.ShouldBe(4);
        move.Words.ShouldBeEmpty();
        move.HasTextChanges.ShouldBeFalse();
        diff.Summary.BlocksMoved.ShouldBe(1);
        diff.Summary.BlocksUnchanged.ShouldBe(4);
    }

    [Fact]
    public void A_moved_paragraph_with_a_small_edit_is_one_move_carrying_the_word_changes()
    {
        var edited = P2.Replace("on the shore of", "beside");
        var diff = StoryDiffer.Compare(Story(P1, P2, P3, P4, P5), Story(P1, P3, P4, edited, P5));

        var move = diff.Changes().ShouldHaveSingleItem();
        move.Op.ShouldBe(BlockOp.Move);
        (move.FromIndex, move.ToIndex).ShouldBe((1, 3));
        move.Words.Text().ShouldBe("Delegations meet at Dolmabahce palace, [-on the shore of-]{+beside+} the Bosphorus.");
    }

    [Fact]
    public void A_renamed_subheading_is_a_modified_subheading()
    {
        var from = Story([Block.Paragraph(P1), Block.Subheading("Conflict Continues on the Ground"), Block.Paragraph(P3)]);
        var to = Story([Block.Paragraph(P1), Block.Subheading("Conflict Continues on the Front Line"), Block.Paragraph(P3)]);

        var block = StoryDiffer.Compare(from, to).Changes().ShouldHaveSingleItem();
        block.Op.ShouldBe(BlockOp.Modify);
        block.FromType.ShouldBe(BlockType.Subheading);
        block.ToType.ShouldBe(BlockType.Subheading);
        block.Words.Text().ShouldBe("Conflict Continues on the [-Ground-]{+Front Line+}");
    }

    [Fact]
    public void A_paragraph_turned_into_a_subheading_with_the_same_text_is_a_modify()
    {
        var from = Story([Block.Paragraph(P1), Block.Paragraph("International responses"), Block.Paragraph(P3)]);
        var to = Story([Block.Paragraph(P1), Block.Subheading("International responses"), Block.Paragraph(P3)]);

        var block = StoryDiffer.Compare(from, to).Changes().ShouldHaveSingleItem();
        block.Op.ShouldBe(BlockOp.Modify);
        (block.FromType, block.ToType).ShouldBe((BlockType.Paragraph, BlockType.Subheading));
        block.HasTextChanges.ShouldBeFalse();
    }

    [Fact]
    public void A_block_split_in_two_is_a_modify_of_the_first_part_and_an_insert_of_the_rest()
    {
        var first = "Ukraine has sent a delegation led by Defence Minister Rustem Umerov.";
        var second = "President Zelenskyy expressed doubt over the outcome of the talks.";
        var diff = StoryDiffer.Compare(Story(P1, first + " " + second, P3), Story(P1, first, second, P3));

        var changes = diff.Changes();
        changes.Select(c => c.Op).ShouldBe([BlockOp.Modify, BlockOp.Insert]);
        changes[0].Words.Text().ShouldBe(first + "[- " + second + "-]");
        changes[1].ToText.ShouldBe(second);
        diff.Apply(Story(P1, first + " " + second, P3)).ShouldBe(Story(P1, first, second, P3));
    }

    [Fact]
    public void Two_blocks_merged_into_one_are_a_modify_of_the_larger_part_and_a_delete_of_the_rest()
    {
        var first = "Ukraine has sent a delegation led by Defence Minister Rustem Umerov to the talks today.";
        var second = "Zelenskyy doubts it.";
        var diff = StoryDiffer.Compare(Story(P1, first, second, P3), Story(P1, first + " " + second, P3));

        diff.Changes().Select(c => c.Op).ShouldBe([BlockOp.Modify, BlockOp.Delete]);
    }

    [Fact]
    public void An_unrelated_paragraph_in_the_same_place_is_a_delete_and_an_insert_not_a_modify()
    {
        var diff = StoryDiffer.Compare(Story(P1, P2, P3), Story(P1, P4, P3));
        diff.Changes().Select(c => c.Op).ShouldBe([BlockOp.Delete, BlockOp.Insert]);
    }

    [Fact]
    public void Identical_versions_give_an_empty_diff()
    {
        var story = new StoryContent("Headline", "Short", "Standfirst", "By A Reporter",
            [Block.Paragraph(P1), Block.Subheading("Sub"), Block.Paragraph(P2)]);
        var diff = StoryDiffer.Compare(story, story with { Body = story.Body.ToList() });

        diff.IsEmpty.ShouldBeTrue();
        diff.Fields.ShouldAllBe(f => f.Op == FieldOp.Unchanged);
        diff.Body.ShouldAllBe(b => b.Op == BlockOp.Equal && b.Words.Count == 0);
        diff.Summary.ShouldBe(new DiffSummary(0, 0, 0, 0, 0, 3, 0, 0));
    }

    [Fact]
    public void A_byline_added_a_standfirst_removed_and_a_headline_reworded_are_told_apart()
    {
        var from = new StoryContent("Talks resume in Istanbul", null, "Both sides meet.", null, []);
        var to = new StoryContent("Direct talks resume in Istanbul", null, null, "By Jane Doe", []);

        var fields = StoryDiffer.Compare(from, to).Fields.ToDictionary(f => f.Field);
        fields["headline"].Op.ShouldBe(FieldOp.Modified);
        fields["headline"].Words.Text().ShouldBe("[-Talks-]{+Direct talks+} resume in Istanbul");
        fields["standfirst"].Op.ShouldBe(FieldOp.Removed);
        fields["byline"].Op.ShouldBe(FieldOp.Added);
        fields["shortHeadline"].Op.ShouldBe(FieldOp.Unchanged);
    }

    [Fact]
    public void Applying_a_diff_to_the_wrong_version_is_refused()
    {
        var diff = StoryDiffer.Compare(Story(P1, P2), Story(P1, P3));
        Should.Throw<InvalidOperationException>(() => diff.Apply(Story(P1, P4)));
    }
}
