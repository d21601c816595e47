using Revisions.Diff.Tests.Support;
using static Revisions.Diff.Tests.Support.Stories;

namespace Revisions.Diff.Tests;

/// <summary>Readers who only care about wording can hide whitespace, punctuation and case changes.</summary>
public class IgnoreOptionTests
{
    private const string Original = "Russian and Ukrainian officials have begun direct talks, in Istanbul.";

    public static TheoryData<string, string, string> Noise => new()
    {
        { "whitespace", "Russian and  Ukrainian officials have begun\ndirect talks, in Istanbul. ", "ignore=whitespace" },
        { "punctuation", "Russian and Ukrainian officials have begun direct talks in Istanbul!", "ignore=punctuation" },
        { "case", "RUSSIAN and Ukrainian Officials have begun direct talks, in istanbul.", "ignore=case" },
    };

    [Theory]
    [MemberData(nameof(Noise))]
    public void Each_ignore_option_hides_its_kind_of_change(string ignore, string noisy, string _)
    {
        var strict = StoryDiffer.Compare(Story(Original), Story(noisy));
        strict.IsEmpty.ShouldBeFalse($"without ignore={ignore} the change must show");
        strict.Body.ShouldHaveSingleItem().Op.ShouldBe(BlockOp.Modify);

        var options = DiffOptions.ParseIgnore(ignore);
        var lenient = StoryDiffer.Compare(Story(Original), Story(noisy), options);
        lenient.IsEmpty.ShouldBeTrue();
        lenient.Body.ShouldHaveSingleItem().Op.ShouldBe(BlockOp.Equal);
        lenient.Apply(Story(Original)).ShouldBe(Story(noisy));
    }

    [Fact]
    public void Ignored_noise_in_a_headline_leaves_the_field_unchanged()
    {
        var from = Story(Original) with { Headline = "Talks resume" };
        var to = Story(Original) with { Headline = "TALKS RESUME!" };

        StoryDiffer.Compare(from, to).Fields[0].Op.ShouldBe(FieldOp.Modified);
        var diff = StoryDiffer.Compare(from, to, DiffOptions.ParseIgnore("case,punctuation"));
        diff.Fields[0].Op.ShouldBe(FieldOp.Unchanged);
        diff.Apply(from).ShouldBe(to);
    }

    [Fact]
    public void Ignoring_punctuation_still_shows_a_real_word_change_next_to_it()
    {
        var diff = StoryDiffer.Compare(Story(Original), Story("Russian and Ukrainian officials have begun direct talks in Ankara!"),
            DiffOptions.ParseIgnore("punctuation"));

        var block = diff.Body.ShouldHaveSingleItem();
        block.Op.ShouldBe(BlockOp.Modify);
        block.Words.Where(w => w.Op != WordOpKind.Equal).Select(w => w.Text.Trim()).ShouldBe(["Istanbul.", "Ankara!"]);
        diff.Summary.WordsAdded.ShouldBe(1);
    }

    [Fact]
    public void Ignoring_whitespace_does_not_hide_words_run_together()
    {
        var diff = StoryDiffer.Compare(Story("a fire broke out"), Story("a fire brokeout"), DiffOptions.ParseIgnore("whitespace"));
        diff.IsEmpty.ShouldBeFalse();
    }

    [Fact]
    public void A_paragraph_moved_and_recased_is_still_one_move_when_case_is_ignored()
    {
        var diff = StoryDiffer.Compare(Story("One two three.", "Four five six.", "Seven eight nine."),
            Story("Four five six.", "Seven eight nine.", "ONE TWO THREE."), DiffOptions.ParseIgnore("case"));

        var move = diff.Changes().ShouldHaveSingleItem();
        move.Op.ShouldBe(BlockOp.Move);
        move.HasTextChanges.ShouldBeFalse();
    }

    [Theory]
    [InlineData("whitespace,punctuation,case", true, true, true)]
    [InlineData(" Case , whitespace ", true, false, true)]
    [InlineData("", false, false, false)]
    [InlineData(null, false, false, false)]
    public void The_ignore_query_parameter_is_parsed(string? query, bool whitespace, bool punctuation, bool @case)
    {
        var options = DiffOptions.ParseIgnore(query);
        (options.IgnoreWhitespace, options.IgnorePunctuation, options.IgnoreCase).ShouldBe((whitespace, punctuation, @case));
    }

    [Fact]
    public void An_unknown_ignore_option_is_refused_with_the_allowed_names()
    {
        DiffOptions.TryParseIgnore("whitespace,typos", out _, out var error).ShouldBeFalse();
        error.ShouldBe("Unknown ignore option \"typos\"; use any of: whitespace, punctuation, case.");
        Should.Throw<ArgumentException>(() => DiffOptions.ParseIgnore("typos"));
    }
}
