using System.Text.Json;
using CsCheck;
using Revisions.Diff.Tests.Support;
using Revisions.Domain.Stories;
using Xunit.Abstractions;
using static Revisions.Diff.Tests.Support.Stories;

namespace Revisions.Diff.Tests;

/// <summary>A rewritten stretch reads as one replacement; a small fix keeps its exact words.</summary>
public class RewriteGroupingTests(ITestOutputHelper output)
{
    private static readonly DiffOptions Exact = new() { GroupRewrites = false };

    private const string Headline = "River Ouse bursts banks in York";
    private const string Rewritten = "River Ouse defences reviewed in York";

    [Fact]
    public void A_rewritten_stretch_of_a_headline_is_one_replacement()
    {
        WordDiff.Compare(Headline, Rewritten).Ops.Text().ShouldBe("River Ouse [-bursts banks-]{+defences reviewed+} in York");
        WordDiff.Compare(Headline, Rewritten, Exact).Ops.Text().ShouldBe("River Ouse [-bursts-]{+defences+} [-banks-]{+reviewed+} in York");
    }

    [Fact]
    public void Small_fixes_keep_their_exact_word_operations()
    {
        WordDiff.Compare("UK prime minister Kier Starmer sayd allies must act.", "UK prime minister Keir Starmer said allies must act.").Ops.Text()
            .ShouldBe("UK prime minister [-Kier-]{+Keir+} Starmer [-sayd-]{+said+} allies must act.");
        WordDiff.Compare("Delegations met today.", "Delegations met on Friday.").Ops.Text()
            .ShouldBe("Delegations met [-today-]{+on Friday+}.");
        WordDiff.Compare("The US secretary of state, Marco Rubio says", "The US secretary of state, Marco Rubio, says").Ops.Text()
            .ShouldBe("The US secretary of state, Marco Rubio{+,+} says");
    }

    [Fact]
    public void A_common_word_inside_a_rewrite_joins_it_but_a_long_unchanged_stretch_does_not()
    {
        WordDiff.Compare("Floods hit York as the river bursts its banks after days of rain",
                         "York flood defences to be reviewed after the river peaks").Ops.Text()
            .ShouldBe("[-Floods hit York as the river bursts its banks after days of rain-]{+York flood defences to be reviewed after the river peaks+}");
        WordDiff.Compare("Officials said the talks in Istanbul on Friday had been productive and constructive",
                         "Officials said the talks in Istanbul on Friday had stalled").Ops.Text()
            .ShouldBe("Officials said the talks in Istanbul on Friday had [-been productive and constructive-]{+stalled+}");
    }

    [Fact]
    public void Every_renderer_shows_the_grouped_replacement()
    {
        var before = new StoryContent(Headline, null, null, null, [Block.Paragraph("Residents were moved out overnight.")]);
        var after = before with { Headline = Rewritten };
        var diff = StoryDiffer.Compare(before, after);

        HtmlDiffRenderer.Render(diff).ShouldContain("River Ouse <del>bursts banks</del><ins>defences reviewed</ins> in York");
        TextDiffRenderer.Render(diff).ShouldContain("~ headline: River Ouse [-bursts banks-]{+defences reviewed+} in York\n");
        using var json = JsonDocument.Parse(JsonSerializer.Serialize(diff, new JsonSerializerOptions(JsonSerializerDefaults.Web)));
        json.RootElement.GetProperty("fields")[0].GetProperty("words").EnumerateArray()
            .Select(w => (w.GetProperty("op").GetString(), w.GetProperty("text").GetString()))
            .ShouldBe([("equal", "River Ouse "), ("delete", "bursts banks"), ("insert", "defences reviewed"), ("equal", " in York")]);
        diff.Apply(before).ShouldBe(after);
    }

    [Fact]
    public void The_classifier_reads_the_exact_edits_whatever_the_display_shows()
    {
        var from = Story("UK prime minister Kier Starmer sayd allies must act.");
        var to = Story("UK prime minister Keir Starmer said allies must act.");
        Revisions.Diff.Classification.ChangeClassifier.Classify(from, to).Summary.ShouldBe("Corrected spelling of 'Keir', 'said'");
    }

    [Fact]
    public void Grouped_operations_rebuild_both_texts_and_never_outnumber_the_exact_ones()
    {
        Gen.Select(StoryGen.Sentence, StoryGen.Sentence, StoryGen.Options).Sample((a, b, options) =>
        {
            var grouped = WordDiff.Compare(a, b, options with { GroupRewrites = true });
            var exact = WordDiff.Compare(a, b, options with { GroupRewrites = false });
            string.Concat(grouped.Ops.Where(o => o.Op != WordOpKind.Delete).Select(o => o.Text)).ShouldBe(b);
            if (!options.IgnoresAnything)
                string.Concat(grouped.Ops.Where(o => o.Op != WordOpKind.Insert).Select(o => o.Text)).ShouldBe(a);
            grouped.Ops.Count.ShouldBeLessThanOrEqualTo(exact.Ops.Count);
            grouped.Changed.ShouldBe(exact.Changed);
            grouped.Ops.Zip(grouped.Ops.Skip(1)).ShouldAllBe(p => p.First.Op != p.Second.Op);
        }, iter: 2_000);
    }

    /// <summary>
    /// The measurement behind the rule, on the seed story's later rewrites and small fixes: how many word
    /// operations (equal, delete and insert runs) and how many marked changes (delete and insert runs) a reader
    /// gets with and without grouping.
    /// </summary>
    [Fact]
    public void On_the_Istanbul_rewrites_grouping_cuts_the_marks_and_leaves_small_fixes_exact()
    {
        var fixture = IstanbulRewrites.Load();
        var rewrites = Measure("rewrites", fixture.Rewrites);
        var edits = Measure("small fixes", fixture.Edits);

        foreach (var edit in fixture.Edits)
            WordDiff.Compare(edit.From, edit.To).Ops.ShouldBe(WordDiff.Compare(edit.From, edit.To, Exact).Ops, edit.Where);
        edits.Grouped.ShouldBe(edits.Exact);
        rewrites.Grouped.Marks.ShouldBeLessThan(rewrites.Exact.Marks * 2 / 3);
    }

    private record struct Count(int Ops, int Marks);

    private (Count Exact, Count Grouped) Measure(string name, IReadOnlyList<TextChange> changes)
    {
        Count exact = default, grouped = default;
        foreach (var change in changes)
        {
            var e = Counted(WordDiff.Compare(change.From, change.To, Exact).Ops);
            var g = Counted(WordDiff.Compare(change.From, change.To).Ops);
            output.WriteLine($"{name,-11} {change.Where,-10} ops {e.Ops,3} -> {g.Ops,3}   marks {e.Marks,3} -> {g.Marks,3}");
            exact = new Count(exact.Ops + e.Ops, exact.Marks + e.Marks);
            grouped = new Count(grouped.Ops + g.Ops, grouped.Marks + g.Marks);
        }
        output.WriteLine($"{name,-11} {"total",-10} ops {exact.Ops,3} -> {grouped.Ops,3}   marks {exact.Marks,3} -> {grouped.Marks,3}");
        return (exact, grouped);
    }

    private static Count Counted(IReadOnlyList<WordOp> ops) => new(ops.Count, ops.Count(o => o.Op != WordOpKind.Equal));
}
