using CsCheck;
using Revisions.Diff.Tests.Support;

namespace Revisions.Diff.Tests;

/// <summary>Whatever editors do to a story, the diff is complete, minimal where it must be, and consistent.</summary>
public class DiffPropertyTests
{
    private const int Iterations = 2_000;

    [Fact]
    public void Applying_the_diff_to_the_older_version_yields_the_newer_one()
    {
        StoryGen.Revision.Sample(r => StoryDiffer.Compare(r.From, r.To).Apply(r.From).Printable().ShouldBe(r.To.Printable()), iter: Iterations);
    }

    [Fact]
    public void Applying_the_diff_yields_the_newer_version_exactly_even_with_ignore_options()
    {
        Gen.Select(StoryGen.Revision, StoryGen.Options).Sample((r, options) =>
            StoryDiffer.Compare(r.From, r.To, options).Apply(r.From).Printable().ShouldBe(r.To.Printable()), iter: Iterations);
    }

    [Fact]
    public void When_every_budget_is_exhausted_the_coarser_diff_is_still_complete()
    {
        var starved = new DiffOptions
        {
            MaxWordDiffWork = 3, MaxBlockAlignWork = 3, MaxTotalWork = 10, MaxSimilarityWork = 1
        };
        StoryGen.Revision.Sample(r => StoryDiffer.Compare(r.From, r.To, starved).Apply(r.From).Printable().ShouldBe(r.To.Printable()), iter: Iterations);
    }

    [Fact]
    public void The_diff_of_a_story_with_itself_is_empty()
    {
        Gen.Select(StoryGen.Story, StoryGen.Options).Sample((story, options) =>
        {
            var diff = StoryDiffer.Compare(story, story with { Body = story.Body.ToList() }, options);
            diff.IsEmpty.ShouldBeTrue();
            diff.Body.ShouldAllBe(b => b.Op == BlockOp.Equal);
            diff.Summary.ShouldBe(new DiffSummary(0, 0, 0, 0, 0, story.Body.Count, 0, 0));
        }, iter: Iterations);
    }

    [Fact]
    public void The_summary_agrees_with_the_operations()
    {
        Gen.Select(StoryGen.Revision, StoryGen.Options).Sample((r, options) =>
        {
            var diff = StoryDiffer.Compare(r.From, r.To, options);
            var s = diff.Summary;
            s.FieldsChanged.ShouldBe(diff.Fields.Count(f => f.Op != FieldOp.Unchanged));
            s.BlocksAdded.ShouldBe(diff.Body.Count(b => b.Op == BlockOp.Insert));
            s.BlocksRemoved.ShouldBe(diff.Body.Count(b => b.Op == BlockOp.Delete));
            s.BlocksModified.ShouldBe(diff.Body.Count(b => b.Op == BlockOp.Modify));
            s.BlocksMoved.ShouldBe(diff.Body.Count(b => b.Op == BlockOp.Move));
            s.BlocksUnchanged.ShouldBe(diff.Body.Count(b => b.Op == BlockOp.Equal));
            (s.BlocksAdded + s.BlocksModified + s.BlocksMoved + s.BlocksUnchanged).ShouldBe(r.To.Body.Count);
            (s.BlocksRemoved + s.BlocksModified + s.BlocksMoved + s.BlocksUnchanged).ShouldBe(r.From.Body.Count);
            if (s.WordsAdded + s.WordsRemoved > 0) diff.IsEmpty.ShouldBeFalse();
            diff.IsEmpty.ShouldBe(s.FieldsChanged + s.BlocksAdded + s.BlocksRemoved + s.BlocksModified + s.BlocksMoved == 0);
        }, iter: Iterations);
    }

    [Fact]
    public void Every_block_appears_once_and_in_the_newer_reading_order()
    {
        StoryGen.Revision.Sample(r =>
        {
            var diff = StoryDiffer.Compare(r.From, r.To);
            diff.Body.Where(b => b.ToIndex.HasValue).Select(b => b.ToIndex!.Value).ShouldBe(Enumerable.Range(0, r.To.Body.Count));
            diff.Body.Where(b => b.FromIndex.HasValue).Select(b => b.FromIndex!.Value).Order()
                .ShouldBe(Enumerable.Range(0, r.From.Body.Count));
            // Equal and modified blocks keep their relative order; only moves jump.
            var kept = diff.Body.Where(b => b.Op is BlockOp.Equal or BlockOp.Modify).Select(b => b.FromIndex!.Value).ToList();
            kept.ShouldBe(kept.Order());
            diff.Body.Where(b => b.Op == BlockOp.Equal).ShouldAllBe(b => b.FromText == b.ToText && b.FromType == b.ToType);
        }, iter: Iterations);
    }

    [Fact]
    public void Word_ops_rebuild_both_texts_for_any_strings()
    {
        Gen.Select(Gen.String, Gen.String).Sample((a, b) =>
        {
            var ops = WordDiff.Compare(a, b).Ops;
            string.Concat(ops.Where(o => o.Op != WordOpKind.Delete).Select(o => o.Text)).ShouldBe(b);
            string.Concat(ops.Where(o => o.Op != WordOpKind.Insert).Select(o => o.Text)).ShouldBe(a);
            ops.Zip(ops.Skip(1)).ShouldAllBe(p => p.First.Op != p.Second.Op, "neighbouring runs with the same op are merged");
        }, iter: Iterations);
    }

    [Fact]
    public void Word_ops_of_edited_sentences_rebuild_the_newer_text_under_any_options()
    {
        Gen.Select(StoryGen.Sentence, StoryGen.Sentence, StoryGen.Options).Sample((a, b, options) =>
        {
            var result = WordDiff.Compare(a, b, options);
            string.Concat(result.Ops.Where(o => o.Op != WordOpKind.Delete).Select(o => o.Text)).ShouldBe(b);
            if (a == b) result.Changed.ShouldBeFalse();
        }, iter: Iterations);
    }
}
