using Revisions.Domain.Legal;
using Revisions.Domain.Stories;
using static Revisions.Domain.Tests.Stories.StoryHistory;

namespace Revisions.Domain.Tests.Legal;

public class when_a_note_quotes_redacted_text
{
    private const string Paragraph = "Council leader Jo Bloggs said: \"We will look at every decision taken by the last council.\"";

    private static (Story Story, Redaction Redaction) Redacted()
    {
        var created = Created(Draft("Council reviews contracts", "The council met.", Paragraph));
        var story = created.Then(created.Redact(1, created.Shown("created"), 1, null, "Court order", "Lee"));
        return (story, story.Redactions.Single());
    }

    [Theory]
    [InlineData("An earlier version quoted him: \"Council leader Jo Bloggs said: We will look at every decision taken by the last council.\"")]
    [InlineData("He had said \"we will look at EVERY decision\" before the vote.")]
    [InlineData("The quote, every decision taken by the last council, was wrong.")]
    public void every_stretch_of_five_words_or_more_it_quotes_is_withdrawn(string note)
    {
        var (story, _) = Redacted();
        var shown = RedactionRules.ApplyToNote(note, story.Redactions);
        shown.ShouldContain(RedactionRules.Marker);
        shown.ShouldNotContain("every decision", Case.Insensitive);
    }

    [Fact]
    public void a_note_that_only_shares_a_word_or_two_is_left_alone()
    {
        var (story, _) = Redacted();
        const string note = "The council's leader will look again at the contracts.";
        RedactionRules.ApplyToNote(note, story.Redactions).ShouldBe(note);
    }

    [Fact]
    public void an_erasure_inside_the_redacted_text_keeps_it_covered()
    {
        var (story, redaction) = Redacted();
        var note = $"A clarification: \"{Paragraph}\"";
        var covers = RedactionRules.KeepThrough(story.Redactions, [Paragraph, note, "The council met."], "Jo Bloggs", LegalHolds.ErasedMarker);

        var kept = covers.ShouldHaveSingleItem();
        kept.RedactionId.ShouldBe(redaction.RedactionId);
        var after = story.Then(Decision.Append(new TextErased(story.Id, Guid.NewGuid(), "hash", [1], "Privacy", "Lee") { Redactions = covers }));
        var masked = Paragraph.Replace("Jo Bloggs", LegalHolds.ErasedMarker);
        RedactionRules.Apply(story.Content with { Body = [Block.Paragraph(masked)] }, after.Redactions).Body[0].Text.ShouldBe(RedactionRules.Marker);
        RedactionRules.ApplyToNote(note.Replace("Jo Bloggs", LegalHolds.ErasedMarker), after.Redactions).ShouldNotContain("every decision");
    }
}
