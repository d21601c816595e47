using Revisions.Domain.Legal;
using Revisions.Domain.Stories;

namespace Revisions.Domain.Tests.Legal;

public class when_legal_redacts_text
{
    private const string Libel = "Witnesses say Alderman Quimby took the money.";
    private static readonly DateTimeOffset At = new(2025, 5, 16, 9, 0, 0, TimeSpan.Zero);

    private static StoryContent Content(string headline, params string[] paragraphs) =>
        new(headline, null, "A standfirst.", "By Ann Reporter", paragraphs.Select(Block.Paragraph).ToList());

    private static readonly StoryContent First = Content("Fraud inquiry opens", "The council met on Monday.", Libel, "The inquiry continues.");

    private static Story Created() => Story.Evolve(null, Story.Create(Guid.NewGuid(), "fraud-inquiry-opens", First, "Ann", null), 1, At);

    private static (Story Story, StoryRedacted Event) Redact(Story story, int? block = null, string? field = null)
    {
        var redacted = RedactionRules.Redact(story, Guid.NewGuid(), 1, First, block, field, " Court order 123 ", "Lee Legal")!;
        return (Story.Evolve(story, redacted, story.Version + 1, At), redacted);
    }

    [Fact]
    public void a_redacted_block_shows_the_marker_and_the_rest_of_the_version_is_untouched()
    {
        var (story, redacted) = Redact(Created(), block: 1);

        redacted.TextHashes.ShouldBe([RedactionRules.Hash(Libel)]);
        redacted.Reason.ShouldBe("Court order 123");
        var shown = RedactionRules.Apply(First, story.Redactions);
        shown.Body.Select(b => b.Text).ShouldBe(["The council met on Monday.", RedactionRules.Marker, "The inquiry continues."]);
        shown.Headline.ShouldBe(First.Headline);
        shown.Standfirst.ShouldBe(First.Standfirst);
        RedactionRules.RedactedParts(First, story.Redactions).ShouldBe(["body/1"]);
    }

    [Fact]
    public void the_same_text_is_covered_in_later_versions_wherever_it_moved_but_an_edit_of_it_is_not()
    {
        var (story, _) = Redact(Created(), block: 1);
        var later = Content("Fraud inquiry opens", Libel, "The council met on Monday.", "Witnesses say Alderman Quimby took money.");

        var shown = RedactionRules.Apply(later, story.Redactions);

        shown.Body[0].Text.ShouldBe(RedactionRules.Marker);
        shown.Body[2].Text.ShouldBe("Witnesses say Alderman Quimby took money.");
    }

    [Fact]
    public void a_field_redaction_covers_that_field()
    {
        var (story, redacted) = Redact(Created(), field: "HEADLINE");

        redacted.Field.ShouldBe("headline");
        var shown = RedactionRules.Apply(First, story.Redactions);
        shown.Headline.ShouldBe(RedactionRules.Marker);
        shown.Body.ShouldBe(First.Body);
    }

    [Fact]
    public void a_whole_version_redaction_covers_every_field_and_block_of_it()
    {
        var (story, _) = Redact(Created());

        var shown = RedactionRules.Apply(First, story.Redactions);
        new[] { shown.Headline, shown.Standfirst, shown.Byline }.ShouldAllBe(t => t == RedactionRules.Marker);
        shown.Body.ShouldAllBe(b => b.Text == RedactionRules.Marker);
        RedactionRules.RedactedParts(First, story.Redactions)
            .ShouldBe(["headline", "standfirst", "byline", "body/0", "body/1", "body/2"]);
    }

    [Fact]
    public void a_block_or_field_the_version_does_not_have_cannot_be_redacted()
    {
        var story = Created();
        RedactionRules.Redact(story, Guid.NewGuid(), 1, First, 3, null, "Order", "Lee").ShouldBeNull();
        RedactionRules.Redact(story, Guid.NewGuid(), 1, First, null, "shortHeadline", "Order", "Lee").ShouldBeNull();
    }

    [Fact]
    public void lifting_a_redaction_shows_the_text_again_and_lifting_twice_changes_nothing()
    {
        var (story, redacted) = Redact(Created(), block: 1);

        var lifted = story.LiftRedaction(redacted.RedactionId, "Order set aside on appeal", "Lee Legal");
        lifted.ShouldHaveSingleItem().ShouldBeOfType<RedactionLifted>();
        var after = Story.Evolve(story, lifted[0], story.Version + 1, At);

        after.Redactions.ShouldBeEmpty();
        RedactionRules.Apply(First, after.Redactions).ShouldBe(First);
        after.LiftRedaction(redacted.RedactionId, "again", "Lee Legal").Refusal.ShouldNotBeNull().Kind.ShouldBe(RefusalKind.NotFound);
    }

    [Fact]
    public void the_legal_view_is_the_original_which_a_redaction_never_alters()
    {
        var (story, _) = Redact(Created(), block: 1);

        RedactionRules.Apply(First, story.Redactions);

        First.Body[1].Text.ShouldBe(Libel);
        story.Content.Body[1].Text.ShouldBe(Libel);
    }

    [Fact]
    public void the_public_copy_carries_the_redactions_in_force()
    {
        var story = Created();
        var published = PublishedStory.Evolve(null, new StoryCreated(story.Id, story.Slug, First, "Ann", null), 1, At);
        published = PublishedStory.Evolve(published, new StoryPublished(story.Id, 1, First, "Ann", null), 2, At);
        var (_, redacted) = Redact(story, block: 1);
        published = PublishedStory.Evolve(published, redacted, 3, At);

        published.Content!.Body[1].Text.ShouldBe(Libel);
        published.PublicContent()!.Body[1].Text.ShouldBe(RedactionRules.Marker);
        published = PublishedStory.Evolve(published, new RedactionLifted(story.Id, redacted.RedactionId, "Lifted", "Lee"), 4, At);
        published.PublicContent()!.Body[1].Text.ShouldBe(Libel);
    }
}
