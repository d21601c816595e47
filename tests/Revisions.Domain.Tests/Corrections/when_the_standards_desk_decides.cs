using Revisions.Domain.Corrections;
using Revisions.Domain.Stories;
using Revisions.Domain.Tests.Stories;
using static Revisions.Domain.Tests.Stories.StoryHistory;

namespace Revisions.Domain.Tests.Corrections;

public class when_the_standards_desk_decides
{
    [Fact]
    public void a_note_is_about_the_latest_content_unless_a_version_is_named()
    {
        var story = Created();
        story.AddNote(NoteKind.Clarification, " Clarifies the venue ", null, null, "Sam").ShouldHaveSingleItem()
            .ShouldBeOfType<StoryNoted>().ShouldSatisfyAllConditions(n => n.AboutVersion.ShouldBe(1), n => n.Text.ShouldBe("Clarifies the venue"));
        foreach (var version in new[] { 0, 2 })
            story.AddNote(NoteKind.Correction, "Fixed", version, null, "Sam").Refusal.ShouldNotBeNull().Kind.ShouldBe(RefusalKind.NotFound);
    }

    [Fact]
    public void a_note_named_after_a_publish_is_about_the_content_that_publish_put_live()
    {
        var created = Created();
        var live = created.Then(created.Publish("Ed", null, null, Readings.AnyChange));
        live.Version.ShouldBe(2);
        live.ContentVersion.ShouldBe(1);
        var revised = live.Then(live.Revise(Draft(paragraphs: "Delegations met on Friday."), "Bo", null, Readings.AnyChange));

        var noted = revised.AddNote(NoteKind.Correction, "Fixed", 2, live.Shown("published"), "Sam").ShouldHaveSingleItem().ShouldBeOfType<StoryNoted>();
        noted.AboutVersion.ShouldBe(1);
        revised.AddNote(NoteKind.Correction, "Fixed", 3, revised.Shown(), "Sam").OfType<StoryNoted>().Single().AboutVersion.ShouldBe(3);
        // The fact must be the version named: anything else is no such version.
        revised.AddNote(NoteKind.Correction, "Fixed", 2, revised.Shown(), "Sam").Refusal.ShouldNotBeNull().Kind.ShouldBe(RefusalKind.NotFound);
    }

    [Fact]
    public void a_public_note_resolves_the_flags_it_covers_and_an_editorial_one_does_not()
    {
        var flagged = Flagged();
        var flag = flagged.OpenFlags.Single();

        flagged.AddNote(NoteKind.Editorial, "Style", null, null, "Sam").OfType<StealthEditFlagResolved>().ShouldBeEmpty();
        // A note about the version that was live before the change cannot speak for it.
        flagged.AddNote(NoteKind.Correction, "Earlier error", 1, new VersionContent(1, "created", 1, Draft()), "Sam").OfType<StealthEditFlagResolved>().ShouldBeEmpty();
        // Nor can a note named after the publish that put that version live: it is about the same content.
        flagged.AddNote(NoteKind.Correction, "Earlier error", 2, new VersionContent(2, "published", 1, Draft()), "Sam").OfType<StealthEditFlagResolved>().ShouldBeEmpty();
        var resolved = flagged.AddNote(NoteKind.Correction, "The talks were on Friday.", null, null, "Sam").OfType<StealthEditFlagResolved>().ShouldHaveSingleItem();
        resolved.FlagId.ShouldBe(flag.FlagId);
    }

    [Fact]
    public void only_an_open_flag_can_be_dismissed()
    {
        var flagged = Flagged();
        var flagId = flagged.OpenFlags.Single().FlagId;
        var dismissal = flagged.DismissFlag(flagId, " Date was a typo in the draft only ", "Sam");
        dismissal.ShouldHaveSingleItem().ShouldBeOfType<StealthEditFlagDismissed>().Reason.ShouldBe("Date was a typo in the draft only");

        var refusal = flagged.Then(dismissal).DismissFlag(flagId, "Again", "Sam").Refusal.ShouldNotBeNull();
        refusal.Kind.ShouldBe(RefusalKind.Conflict);
        Created().DismissFlag(Guid.NewGuid(), "Unknown", "Sam").Refusal.ShouldNotBeNull().Kind.ShouldBe(RefusalKind.Conflict);
    }

    /// <summary>Published, changed substantively, published again without a note: one open flag.</summary>
    private static Story Flagged()
    {
        var created = Created();
        var live = created.Then(created.Publish("Ed", null, null, Readings.AnyChange));
        var changed = live.Then(live.Revise(Draft(paragraphs: "Delegations met on Friday."), "Bo", null, Readings.AnyChange));
        var flagged = changed.Then(changed.Publish("Ed", null, created.Shown("created"), Readings.AnyChange));
        flagged.OpenFlags.Count.ShouldBe(1);
        return flagged;
    }
}
