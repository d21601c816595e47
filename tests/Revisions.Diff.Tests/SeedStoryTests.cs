using Revisions.Diff.Tests.Support;

namespace Revisions.Diff.Tests;

public class SeedStoryTests
{
    private readonly IstanbulFixture _seed = IstanbulFixture.Load();

    private StoryDiff Diff() => StoryDiffer.Compare(_seed.First, _seed.Later);

    private FieldOp Field(StoryDiff diff, string name) => diff.Fields.Single(f => f.Field == name).Op;

    [Fact]
    public void An_editor_sees_the_headline_and_standfirst_unchanged_and_the_short_headline_added()
    {
        var diff = Diff();
        Field(diff, "headline").ShouldBe(Enum.Parse<FieldOp>(_seed.Expected.GetProperty("headline").GetString()!, true));
        Field(diff, "standfirst").ShouldBe(FieldOp.Unchanged);
        Field(diff, "shortHeadline").ShouldBe(FieldOp.Added);
        Field(diff, "byline").ShouldBe(FieldOp.Unchanged);
        diff.Fields.Single(f => f.Field == "shortHeadline").To
            .ShouldBe("Russian and Ukrainian officials have begun direct negotiations in Istanbul.");
    }

    [Fact]
    public void The_developing_story_line_is_removed_and_the_Bicester_paragraph_added_with_fourteen_blocks_unchanged()
    {
        var diff = Diff();
        var removed = _seed.Expected.GetProperty("bodyRemoved").EnumerateArray().Select(e => e.GetString()).ToList();
        var added = _seed.Expected.GetProperty("bodyAdded").EnumerateArray().Select(e => e.GetString()).ToList();

        diff.Body.Where(b => b.Op == BlockOp.Delete).Select(b => b.FromText).ShouldBe(removed);
        diff.Body.Where(b => b.Op == BlockOp.Insert).Select(b => b.ToText).ShouldBe(added);
        diff.Body.Count(b => b.Op == BlockOp.Equal).ShouldBe(_seed.Expected.GetProperty("bodyUnchangedCount").GetInt32());
        diff.Body.ShouldNotContain(b => b.Op == BlockOp.Modify || b.Op == BlockOp.Move);
        diff.Summary.ShouldBe(diff.Summary with { FieldsChanged = 1, BlocksAdded = 1, BlocksRemoved = 1, BlocksModified = 0, BlocksMoved = 0, BlocksUnchanged = 14 });
        diff.Degraded.ShouldBeFalse();
    }

    [Fact]
    public void The_subheadings_are_kept_as_subheadings_in_the_diff()
    {
        Diff().Body.Where(b => b.ToType == Revisions.Domain.Stories.BlockType.Subheading).Select(b => b.ToText)
            .ShouldBe(["Conflict Continues on the Ground", "International responses"]);
    }

    [Fact]
    public void Applying_the_seed_diff_to_the_first_version_gives_the_later_one()
    {
        Diff().Apply(_seed.First).ShouldBe(_seed.Later);
    }

    [Fact]
    public void Correcting_Kier_to_Keir_in_the_seed_is_one_modified_block_with_one_word_replaced()
    {
        var corrected = _seed.Later with
        {
            Body = _seed.Later.Body.Select(b => b with { Text = b.Text.Replace("Kier Starmer", "Keir Starmer") }).ToList()
        };
        var diff = StoryDiffer.Compare(_seed.Later, corrected);

        var change = diff.Changes().ShouldHaveSingleItem();
        change.Op.ShouldBe(BlockOp.Modify);
        change.Words.Where(w => w.Op != WordOpKind.Equal).ShouldBe(
            [new WordOp(WordOpKind.Delete, "Kier"), new WordOp(WordOpKind.Insert, "Keir")]);
        diff.Summary.WordsAdded.ShouldBe(1);
        diff.Summary.WordsRemoved.ShouldBe(1);
    }
}
