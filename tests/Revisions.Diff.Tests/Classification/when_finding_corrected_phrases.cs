using CsCheck;
using Revisions.Diff.Classification;
using Revisions.Domain.Stories;

namespace Revisions.Diff.Tests.Classification;

/// <summary>What the desk looks for in other stories after a correction: the wrong phrase in its context.</summary>
public class when_finding_corrected_phrases
{
    private static IReadOnlyList<PhraseChange> Corrected(string before, string after) =>
        CorrectedPhrases.From(StoryDiffer.Compare(Story(before), Story(after), DiffOptions.StoredContent));

    private static StoryContent Story(string paragraph) =>
        new("Talks resume", null, null, null, [Block.Paragraph("Delegations met in Istanbul."), Block.Paragraph(paragraph)]);

    [Fact]
    public void a_misspelling_is_looked_for_as_it_stands() =>
        Corrected("UK prime minister Kier Starmer arrived in Kyiv.", "UK prime minister Keir Starmer arrived in Kyiv.")
            .ShouldBe([new PhraseChange("Kier", "Keir")]);

    [Fact]
    public void a_figure_is_widened_to_the_words_around_it() =>
        Corrected("Moscow now holds around 20% of Ukraine’s territory.", "Moscow now holds around 25% of Ukraine’s territory.")
            .ShouldBe([new PhraseChange("around 20% of", "around 25% of")]);

    [Fact]
    public void a_number_in_words_is_widened_to_what_it_counts() =>
        Corrected("The talks lasted three days.", "The talks lasted five days.")
            .ShouldBe([new PhraseChange("lasted three days", "lasted five days")]);

    [Fact]
    public void the_context_stays_inside_its_sentence()
    {
        Corrected("The cabinet met. Three ministers resigned.", "The cabinet met. Five ministers resigned.")
            .ShouldBe([new PhraseChange("Three ministers", "Five ministers")]);
        Corrected("The death toll rose to three.", "The death toll rose to five.")
            .ShouldBe([new PhraseChange("to three", "to five")]);
    }

    [Fact]
    public void a_number_inside_a_compound_takes_the_whole_compound() =>
        Corrected("They met after a three-hour meeting.", "They met after a five-hour meeting.")
            .ShouldBe([new PhraseChange("a three-hour meeting", "a five-hour meeting")]);

    [Fact]
    public void a_day_put_right_is_widened() =>
        Corrected("Delegations met today.", "Delegations met on Friday.")
            .ShouldBe([new PhraseChange("met today", "met on Friday")]);

    [Fact]
    public void a_name_put_in_another_s_place_is_widened_to_the_role_it_was_given() =>
        Corrected("The US secretary of state, Marco Rubio, says no progress can be made.",
                  "The US secretary of state, Antony Blinken, says no progress can be made.")
            .ShouldBe([new PhraseChange("state, Marco Rubio, says", "state, Antony Blinken, says")]);

    [Fact]
    public void quoted_words_are_widened_across_the_quotation_mark() =>
        Corrected("Zelenskyy said the team includes “no one who makes decisions”.",
                  "Zelenskyy said the team includes “nobody who makes decisions”.")
            .ShouldBe([new PhraseChange("includes “no one who", "includes “nobody who")]);

    [Fact]
    public void a_removed_figure_keeps_the_same_context_on_both_sides() =>
        Corrected("Officials said three senior ministers resigned.", "Officials said senior ministers resigned.")
            .ShouldBe([new PhraseChange("said three senior", "said senior")]);

    [Fact]
    public void a_change_of_case_only_is_not_looked_for() =>
        Corrected("The UK Prime Minister spoke.", "The UK prime minister spoke.").ShouldBeEmpty();

    [Fact]
    public void every_phrase_is_text_of_the_version_it_comes_from()
    {
        static List<string> Texts(StoryContent s) =>
            [s.Headline, s.ShortHeadline ?? "", s.Standfirst ?? "", s.Byline ?? "", .. s.Body.Select(b => b.Text)];
        Support.StoryGen.Revision.Sample(r =>
        {
            foreach (var phrase in CorrectedPhrases.From(StoryDiffer.Compare(r.From, r.To, DiffOptions.StoredContent)))
            {
                phrase.Old.ShouldNotBeNullOrWhiteSpace();
                Texts(r.From).ShouldContain(t => t.Contains(phrase.Old));
                Texts(r.To).ShouldContain(t => t.Contains(phrase.New));
            }
        }, iter: 2_000);
    }
}
