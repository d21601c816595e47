using Revisions.Diff.Classification;
using Revisions.Domain.Stories;

namespace Revisions.Diff.Tests.Classification;

public class when_classifying_a_revision
{
    private static readonly Support.IstanbulFixture Seed = Support.IstanbulFixture.Load();

    private static StoryContent Story(string headline, params string[] paragraphs) =>
        new(headline, null, null, null, paragraphs.Select(Block.Paragraph).ToList());

    private static ChangeClassification Classify(string before, string after, string headline = "Talks resume") =>
        ChangeClassifier.Classify(Story(headline, "Delegations met in Istanbul.", before), Story(headline, "Delegations met in Istanbul.", after));

    [Fact]
    public void a_misspelt_name_put_right_is_a_typo_and_a_name_but_not_substantive()
    {
        var result = Classify(
            "UK prime minister Kier Starmer has said allies must be willing to “follow through” on their “ultimatum”.",
            "UK prime minister Keir Starmer has said allies must be willing to “follow through” on their “ultimatum”.");
        result.Kinds.ShouldBe([ChangeKind.Typo, ChangeKind.Name]);
        result.Substantive.ShouldBeFalse();
        result.Summary.ShouldBe("Corrected spelling of 'Keir'");
    }

    [Fact]
    public void a_changed_figure_is_a_number_and_substantive()
    {
        var result = Classify(
            "Moscow now holds around 20% of Ukraine’s territory, including Crimea.",
            "Moscow now holds around 25% of Ukraine’s territory, including Crimea.");
        result.Kinds.ShouldBe([ChangeKind.Number]);
        result.Substantive.ShouldBeTrue();
        result.Summary.ShouldBe("Changed '20' to '25'");
    }

    [Fact]
    public void a_changed_date_is_a_number()
    {
        Classify("Russian forces claimed on Thursday to have taken two villages.",
                 "Russian forces claimed on Wednesday to have taken two villages.")
            .Kinds.ShouldContain(ChangeKind.Number);
    }

    [Fact]
    public void a_changed_day_is_one_changed_date_said_once()
    {
        var result = ChangeClassifier.Classify(Story("Talks resume", "Delegations met today."), Story("Talks resume", "Delegations met on Friday."));
        result.Kinds.ShouldBe([ChangeKind.Number]);
        result.Substantive.ShouldBeTrue();
        result.Summary.ShouldBe("Changed 'today' to 'on Friday'");
    }

    [Fact]
    public void the_same_edit_in_the_headline_and_the_body_is_said_once()
    {
        var result = ChangeClassifier.Classify(Story("Delegations met today", "Delegations met today."),
                                               Story("Delegations met on Friday", "Delegations met on Friday."));
        result.Kinds.ShouldBe([ChangeKind.Number, ChangeKind.Headline]);
        result.Summary.ShouldBe("Changed the headline; changed 'today' to 'on Friday'");
    }

    [Fact]
    public void an_edit_that_is_both_a_name_and_a_number_is_said_once()
    {
        var result = Classify("Leaders of the G7 met in Rome.", "Leaders of the G20 met in Rome.");
        result.Kinds.ShouldBe([ChangeKind.Name, ChangeKind.Number]);
        result.Summary.ShouldBe("Changed 'G7' to 'G20'");
    }

    [Fact]
    public void a_vague_quantity_is_not_a_number()
    {
        var result = Classify("Hundreds of residents were evacuated from the riverside overnight.",
                              "Residents were evacuated from the riverside overnight.");
        result.Kinds.ShouldBe([ChangeKind.Wording]);
        result.Substantive.ShouldBeFalse();
        result.Summary.ShouldBe("Edited wording");
    }

    [Fact]
    public void an_exact_quantity_in_words_is_a_number()
    {
        var result = Classify("Two hundred residents were evacuated from the riverside overnight.",
                              "Three hundred residents were evacuated from the riverside overnight.");
        result.Kinds.ShouldBe([ChangeKind.Number]);
        result.Summary.ShouldBe("Changed 'Two' to 'Three'");
    }

    [Fact]
    public void the_verb_may_is_not_a_month()
    {
        var result = Classify("Officials may meet again next week.", "Officials will meet again next week.");
        result.Kinds.ShouldBe([ChangeKind.Wording]);
        result.Substantive.ShouldBeFalse();
    }

    [Fact]
    public void words_changed_inside_quotation_marks_are_a_quote()
    {
        var result = Classify(
            "Zelenskyy said the Russian team includes “no one who actually makes decisions”.",
            "Zelenskyy said the Russian team includes “nobody who really makes decisions”.");
        result.Kinds.ShouldContain(ChangeKind.Quote);
        result.Substantive.ShouldBeTrue();
    }

    [Fact]
    public void a_different_person_named_is_a_substantive_name_change()
    {
        var result = Classify("The US secretary of state, Marco Rubio, says no progress can be made.",
                              "The US secretary of state, Antony Blinken, says no progress can be made.");
        result.Kinds.ShouldBe([ChangeKind.Name]);
        result.Substantive.ShouldBeTrue();
        result.Summary.ShouldContain("'Marco Rubio' to 'Antony Blinken'");
    }

    [Fact]
    public void a_style_trim_is_wording_and_not_substantive()
    {
        var result = Classify("Despite the renewed talks, fighting in Ukraine continues unabated.",
                              "Despite the renewed talks, fighting in Ukraine continues.");
        result.Kinds.ShouldBe([ChangeKind.Wording]);
        result.Substantive.ShouldBeFalse();
    }

    [Fact]
    public void a_new_headline_is_substantive()
    {
        var result = ChangeClassifier.Classify(Story("Talks resume in Istanbul", "Delegations met."), Story("Talks collapse in Istanbul", "Delegations met."));
        result.Kinds.ShouldContain(ChangeKind.Headline);
        result.Substantive.ShouldBeTrue();
        result.Summary.ShouldStartWith("Changed the headline");
    }

    [Fact]
    public void paragraphs_added_removed_and_moved_are_counted()
    {
        var before = Story("Talks", "Delegations met in Istanbul on Friday morning.", "Fighting continues in the east of the country.", "This is a developing story.");
        var after = Story("Talks", "Fighting continues in the east of the country.", "Delegations met in Istanbul on Friday morning.", "A fire at Bicester Motion has claimed three lives.");
        var result = ChangeClassifier.Classify(before, after);
        result.Kinds.ShouldBe([ChangeKind.BlockAdded, ChangeKind.BlockRemoved, ChangeKind.BlockMoved]);
        result.Summary.ShouldBe("Removed 1 paragraph; added 1 paragraph; moved 1 paragraph");
        result.Substantive.ShouldBeTrue();
    }

    [Fact]
    public void a_paragraph_mostly_replaced_is_a_rewrite()
    {
        var result = Classify("Local residents near the frontlines remain under heavy bombardment as the diplomatic efforts play out in Istanbul.",
                              "Local residents near the frontlines said the shelling eased overnight while diplomatic efforts stalled in Istanbul.");
        result.Kinds.ShouldContain(ChangeKind.Rewrite);
        result.Substantive.ShouldBeTrue();
    }

    [Fact]
    public void the_seed_update_removes_and_adds_a_paragraph()
    {
        var result = ChangeClassifier.Classify(Seed.First, Seed.Later);
        result.Kinds.ShouldContain(ChangeKind.BlockAdded);
        result.Kinds.ShouldContain(ChangeKind.BlockRemoved);
        result.Substantive.ShouldBeTrue();
        result.Summary.ShouldContain("removed 1 paragraph; added 1 paragraph");
    }

    [Fact]
    public void punctuation_only_is_a_typo()
    {
        var result = Classify("The US secretary of state, Marco Rubio says no progress can be made.",
                              "The US secretary of state, Marco Rubio, says no progress can be made.");
        result.Kinds.ShouldBe([ChangeKind.Typo]);
        result.Substantive.ShouldBeFalse();
        result.Summary.ShouldBe("Corrected punctuation");
    }

    [Fact]
    public void a_dropped_full_stop_is_punctuation_put_right()
    {
        var result = Classify("Delegations met on Friday..", "Delegations met on Friday.");
        result.Kinds.ShouldBe([ChangeKind.Typo]);
        result.Summary.ShouldBe("Corrected punctuation");
    }

    [Fact]
    public void spacing_alone_is_whitespace_and_not_substantive()
    {
        var result = Classify("Delegations met  in Istanbul on Friday.", "Delegations met in Istanbul on Friday.");
        result.Kinds.ShouldBe([ChangeKind.Whitespace]);
        result.Substantive.ShouldBeFalse();
        result.Summary.ShouldBe("Changed spacing");
    }

    [Fact]
    public void a_respaced_headline_is_no_headline_change()
    {
        var result = ChangeClassifier.Classify(Story("Talks  resume in Istanbul", "Delegations met."), Story("Talks resume in Istanbul", "Delegations met."));
        result.Kinds.ShouldBe([ChangeKind.Whitespace]);
        result.Substantive.ShouldBeFalse();
        result.Summary.ShouldBe("Changed spacing");
    }

    [Fact]
    public void spacing_beside_a_real_edit_is_mentioned_last()
    {
        var result = Classify("UK prime minister Kier Starmer spoke  on Friday.", "UK prime minister Keir Starmer spoke on Friday.");
        result.Kinds.ShouldBe([ChangeKind.Typo, ChangeKind.Name, ChangeKind.Whitespace]);
        result.Summary.ShouldBe("Corrected spelling of 'Keir'; changed spacing");
    }

    [Fact]
    public void identical_versions_have_no_change() =>
        ChangeClassifier.Classify(Seed.First, Seed.First).ShouldBe(ChangeClassification.None);

    [Fact]
    public void a_reading_recorded_with_its_event_stands_when_these_rules_made_it_and_is_made_again_otherwise()
    {
        var before = Story("Talks resume", "UK prime minister Kier Starmer spoke.");
        var after = Story("Talks resume", "UK prime minister Keir Starmer spoke.");
        var fresh = ChangeClassifier.Classify(before, after);
        fresh.Record().ShouldBe(new ClassifiedChange(ChangeClassifier.Rules, fresh.Kinds, fresh.Summary, fresh.Substantive));

        var recorded = new ClassifiedChange(ChangeClassifier.Rules, [ChangeKind.Wording], "As recorded", true);
        var taken = ChangeClassifier.Read(before, after, recorded);
        (taken.Kinds, taken.Summary, taken.Substantive).ShouldBe((recorded.Kinds, "As recorded", true));
        ChangeClassifier.Read(before, after, recorded with { Rules = ChangeClassifier.Rules - 1 }).Summary.ShouldBe("Corrected spelling of 'Keir'");
        ChangeClassifier.Read(before, after, null).Summary.ShouldBe("Corrected spelling of 'Keir'");
    }

    [Fact]
    public void a_story_longer_than_the_diff_api_accepts_is_still_classified()
    {
        // Two versions of 1.5 million characters each: past the diff API's cap, within limits a newsroom may configure.
        var paragraphs = Enumerable.Range(0, 100).Select(i => $"Paragraph {i} of the inquiry report. " + string.Concat(Enumerable.Repeat("The panel heard evidence. ", 570))).ToArray();
        var before = Story("Inquiry report", paragraphs);
        var after = Story("Inquiry report", [.. paragraphs[..50], paragraphs[50].Replace("heard", "weighed"), .. paragraphs[51..]]);
        ((long)before.Body.Sum(b => b.Text.Length) + after.Body.Sum(b => b.Text.Length)).ShouldBeGreaterThan(DiffOptions.Default.MaxInputChars);

        var result = ChangeClassifier.Classify(before, after);

        result.Kinds.ShouldNotBeEmpty();
        result.Summary.ShouldNotBe(ChangeClassification.None.Summary);
    }
}
