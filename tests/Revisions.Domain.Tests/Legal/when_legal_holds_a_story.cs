using Revisions.Domain.Legal;
using Revisions.Domain.Stories;
using Revisions.Domain.Tests.Stories;
using static Revisions.Domain.Tests.Stories.StoryHistory;

namespace Revisions.Domain.Tests.Legal;

public class when_legal_holds_a_story
{
    [Fact]
    public void a_hold_stands_until_lifted_and_only_a_hold_in_force_can_be_lifted()
    {
        var story = Created();
        var placed = story.PlaceHold(" Case 2025/114 ", "Lee").ShouldHaveSingleItem().ShouldBeOfType<LegalHoldPlaced>();
        placed.Reason.ShouldBe("Case 2025/114");
        var held = story.Then(Decision.Append(placed));
        held.ActiveHolds.ShouldBe([placed.HoldId]);
        held.RefuseIfHeld("erasure", "Lee").ShouldNotBeNull().Holds.ShouldBe([placed.HoldId]);

        held.LiftHold(Guid.NewGuid(), "Wrong one", "Lee").Refusal.ShouldNotBeNull().Kind.ShouldBe(RefusalKind.NotFound);
        var free = held.Then(held.LiftHold(placed.HoldId, "Case closed", "Lee"));
        free.ActiveHolds.ShouldBeEmpty();
        free.RefuseIfHeld("erasure", "Lee").ShouldBeNull();
    }

    [Fact]
    public void a_redaction_is_refused_for_a_version_that_is_missing_saved_no_content_or_lacks_the_part()
    {
        var created = Created();
        var published = created.Then(created.Publish("Ed", null, null, Readings.AnyChange));

        published.Redact(5, null, 0, null, "Order", "Lee").Refusal.ShouldNotBeNull().Kind.ShouldBe(RefusalKind.NotFound);
        var publish = published.Shown("published");
        published.Redact(2, publish, 0, null, "Order", "Lee").Refusal.ShouldNotBeNull().Detail.ShouldContain("did not save content (published)");
        published.Redact(1, created.Shown("created"), 4, null, "Order", "Lee").Refusal.ShouldNotBeNull().Detail.ShouldContain("there is no block 4");
        published.Redact(1, created.Shown("created"), null, "byline", "Order", "Lee").Refusal.ShouldNotBeNull().Detail.ShouldContain("has no byline");
        published.Redact(1, created.Shown("created"), 0, null, "Order", "Lee").ShouldHaveSingleItem().ShouldBeOfType<StoryRedacted>();
    }
}
