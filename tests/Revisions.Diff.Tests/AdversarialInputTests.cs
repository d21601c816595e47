using Revisions.Diff.Tests.Support;
using Revisions.Domain.Stories;

namespace Revisions.Diff.Tests;

/// <summary>
/// Hostile or pathological inputs are answered quickly with a correct (if coarser) diff, or refused.
/// Times are not asserted here (shared CI machines are noisy); bench/Revisions.Benchmarks measures them.
/// </summary>
public class AdversarialInputTests
{
    [Fact]
    public void Two_200KB_stories_with_nothing_in_common_give_a_correct_diff_of_removed_and_added_blocks()
    {
        var from = Adversarial.Story(1, 200_000, "abcdefghijklm");
        var to = Adversarial.Story(2, 200_000, "nopqrstuvwxyz");

        var diff = StoryDiffer.Compare(from, to);

        diff.Summary.BlocksRemoved.ShouldBe(from.Body.Count);
        diff.Summary.BlocksAdded.ShouldBe(to.Body.Count);
        diff.Apply(from).ShouldBe(to);
    }

    [Fact]
    public void Two_200KB_stories_from_the_same_vocabulary_are_compared_coarsely_and_flagged_degraded()
    {
        var from = Adversarial.Story(1, 200_000, "abcdef");
        var to = Adversarial.Story(2, 200_000, "abcdef");

        var diff = StoryDiffer.Compare(from, to);

        diff.Degraded.ShouldBeTrue();
        diff.DegradedReason.ShouldNotBeNullOrWhiteSpace();
        diff.Apply(from).ShouldBe(to);
    }

    [Fact]
    public void A_single_200KB_block_rewritten_from_the_same_words_falls_back_to_a_whole_block_replacement()
    {
        var random = new Random(3);
        var words = Enumerable.Range(0, 30_000).Select(_ => "w" + random.Next(50)).ToArray();
        var from = new StoryContent("H", null, null, null, [Block.Paragraph(string.Join(' ', words))]);
        random.Shuffle(words);
        var to = new StoryContent("H", null, null, null, [Block.Paragraph(string.Join(' ', words))]);

        var diff = StoryDiffer.Compare(from, to);

        diff.Degraded.ShouldBeTrue();
        diff.DegradedReason!.ShouldContain("word by word");
        diff.Body.ShouldHaveSingleItem().Op.ShouldBe(BlockOp.Modify);
        diff.Apply(from).ShouldBe(to);
    }

    [Fact]
    public void Ten_thousand_reordered_paragraphs_come_back_as_moves_flagged_degraded()
    {
        var (from, to) = Adversarial.Reordered(10_000);

        var diff = StoryDiffer.Compare(from, to);

        diff.Degraded.ShouldBeTrue();
        diff.Body.Count.ShouldBe(10_000);
        diff.Body.ShouldAllBe(b => b.Op == BlockOp.Equal || b.Op == BlockOp.Move);
        diff.Summary.BlocksMoved.ShouldBeGreaterThan(9_000);
        diff.Summary.WordsAdded.ShouldBe(0);
        diff.Apply(from).ShouldBe(to);
    }

    [Fact]
    public void Ten_thousand_identical_paragraphs_in_any_order_are_no_change()
    {
        var body = Enumerable.Repeat(Block.Paragraph("The same paragraph, again."), 10_000).ToList();
        var story = new StoryContent("Headline", null, null, null, body);

        var diff = StoryDiffer.Compare(story, story with { Body = body.AsEnumerable().Reverse().ToList() });

        diff.IsEmpty.ShouldBeTrue();
        diff.Degraded.ShouldBeFalse();
    }

    [Fact]
    public void Many_repeated_paragraphs_interleaved_differently_still_give_a_complete_diff()
    {
        var a = Block.Paragraph("Alpha beta.");
        var b = Block.Paragraph("Gamma delta.");
        var from = new StoryContent("H", null, null, null, Enumerable.Range(0, 5_000).Select(i => i % 2 == 0 ? a : b).ToList());
        var to = new StoryContent("H", null, null, null, Enumerable.Range(0, 5_000).Select(i => i % 3 == 0 ? a : b).ToList());

        StoryDiffer.Compare(from, to).Apply(from).ShouldBe(to);
    }

    [Fact]
    public void Versions_larger_than_the_limit_are_refused_with_a_specific_exception()
    {
        var from = Adversarial.Story(1, 1_100_000, "abc", 10_000);
        var to = Adversarial.Story(2, 1_000_000, "abc", 10_000);

        var e = Should.Throw<DiffTooLargeException>(() => StoryDiffer.Compare(from, to));
        e.MaxChars.ShouldBe(2_000_000);
        e.ActualChars.ShouldBeGreaterThan(2_000_000);
        Should.Throw<DiffTooLargeException>(() => StoryDiffer.Compare(from, to, new DiffOptions { MaxInputChars = 1000 }));
        Should.Throw<DiffTooLargeException>(() => WordDiff.Compare(new string('a', 600), new string('b', 600), new DiffOptions { MaxInputChars = 1000 }));
    }
}
