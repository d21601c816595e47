using Revisions.Domain.Corrections;
using Revisions.Domain.Stories;
using static Revisions.Domain.Tests.Stories.StoryHistory;

namespace Revisions.Domain.Tests.Stories;

/// <summary>The story's decisions on saves, restores, imports and publishes: pure, with their facts given.</summary>
public class when_a_story_decides_a_change
{
    [Fact]
    public void a_save_records_how_its_change_reads()
    {
        var revised = Created().Revise(Draft(paragraphs: "Delegations met on Friday."), "Bo", null, Readings.AnyChange)
            .ShouldHaveSingleItem().ShouldBeOfType<StoryRevised>();
        var change = revised.Change.ShouldNotBeNull();
        (change.Summary, change.Substantive).ShouldBe(("Changed a number", true));
        change.Kinds.ShouldBe(["number"]);
    }

    [Fact]
    public void a_save_with_a_typed_note_notes_the_version_it_makes_and_keeps_no_remark()
    {
        var decision = Created().Revise(Draft(paragraphs: "Delegations met on Friday."), "Bo", new ChangeNote("The talks were on Friday.", NoteKind.Correction), Readings.AnyChange);

        decision.Count.ShouldBe(2);
        decision[0].ShouldBeOfType<StoryRevised>().Note.ShouldBeNull();
        var noted = decision[1].ShouldBeOfType<StoryNoted>();
        noted.AboutVersion.ShouldBe(2);
        noted.Kind.ShouldBe(NoteKind.Correction);
        noted.Text.ShouldBe("The talks were on Friday.");
    }

    [Fact]
    public void saving_the_same_content_with_a_note_changes_nothing()
    {
        Created().Revise(Draft(), "Bo", new ChangeNote("Nothing changed", NoteKind.Update), Readings.AnyChange).ShouldBeEmpty();
    }

    [Fact]
    public void a_restore_of_a_version_the_story_does_not_have_is_refused()
    {
        var story = Created().Then(Created().Revise(Draft("Talks collapse"), "Bo", null, Readings.AnyChange));

        foreach (var version in new[] { 0, 3, 7 })
            story.Restore(version, null, "Ann", null, Readings.AnyChange).Refusal.ShouldNotBeNull().Kind.ShouldBe(RefusalKind.NotFound);
        story.Restore(1, null, "Ann", null, Readings.AnyChange).Refusal.ShouldNotBeNull().Kind.ShouldBe(RefusalKind.NotFound);
    }

    [Fact]
    public void a_restore_records_how_its_change_reads()
    {
        var created = Created();
        var story = created.Then(created.Revise(Draft("Talks collapse"), "Bo", null, Readings.AnyChange));
        var restored = story.Restore(1, created.Shown("created"), "Ann", "Wrong headline", Readings.Typos).ShouldHaveSingleItem().ShouldBeOfType<StoryRestored>();
        restored.Change!.Substantive.ShouldBeFalse();
    }

    [Fact]
    public void an_import_adds_a_capture_only_when_its_content_differs_and_reads_its_change()
    {
        var story = Created();
        var capture = new SnapshotCapture(T0, "fingerprint", "archive.txt, line 1");
        story.Import(Draft(), capture, "Importer", null, Readings.AnyChange).ShouldBeEmpty();
        var imported = story.Import(Draft(paragraphs: "Delegations met on Friday."), capture, "Importer", null, Readings.AnyChange)
            .ShouldHaveSingleItem().ShouldBeOfType<StoryImported>();
        imported.Change.ShouldNotBeNull().Substantive.ShouldBeTrue();
        imported.Capture.ShouldBe(capture);
    }

    [Fact]
    public void publishing_with_a_typed_note_notes_the_content_going_live()
    {
        var decision = Created().Publish("Ed", new ChangeNote("First report", NoteKind.Update), null, Readings.AnyChange);
        decision.Select(e => e.GetType()).ShouldBe([typeof(StoryNoted), typeof(StoryPublished)]);
        decision.OfType<StoryNoted>().Single().AboutVersion.ShouldBe(1);
        decision.OfType<StoryPublished>().Single().Note.ShouldBeNull();
    }

    [Fact]
    public void a_note_on_what_is_already_live_is_still_added()
    {
        var live = Created().Then(Created().Publish("Ed", null, null, Readings.AnyChange));
        live.Publish("Ed", new ChangeNote("Clarifies the venue", NoteKind.Clarification), null, Readings.AnyChange)
            .ShouldHaveSingleItem().ShouldBeOfType<StoryNoted>();
        live.Publish("Ed", null, null, Readings.AnyChange).ShouldBeEmpty();
    }

    [Fact]
    public void going_live_again_with_a_substantive_change_and_no_note_raises_a_flag()
    {
        var (story, firstLive) = Republishable();
        var decision = story.Publish("Ed", null, firstLive, Readings.AnyChange);
        decision.Select(e => e.GetType()).ShouldBe([typeof(StoryPublished), typeof(StealthEditFlagged)]);
        var flag = decision.OfType<StealthEditFlagged>().Single();
        (flag.FromContentVersion, flag.ToContentVersion).ShouldBe((1, 3));
        flag.Summary.ShouldBe("Changed a number");
    }

    [Fact]
    public void no_flag_is_raised_for_a_typo_a_public_note_or_a_first_publish()
    {
        var (story, firstLive) = Republishable();
        story.Publish("Ed", null, firstLive, Readings.Typos).OfType<StealthEditFlagged>().ShouldBeEmpty();
        story.Publish("Ed", new ChangeNote("The talks were on Friday.", NoteKind.Correction), firstLive, Readings.AnyChange)
            .OfType<StealthEditFlagged>().ShouldBeEmpty();
        story.Publish("Ed", new ChangeNote("Trimmed", NoteKind.Editorial), firstLive, Readings.AnyChange)
            .OfType<StealthEditFlagged>().ShouldHaveSingleItem();
        Created().Publish("Ed", null, null, Readings.AnyChange).OfType<StealthEditFlagged>().ShouldBeEmpty();
    }

    [Fact]
    public void unpublishing_a_draft_changes_nothing()
    {
        Created().Unpublish("Ed", null).ShouldBeEmpty();
    }

    /// <summary>A story published at version 1 (returned as what readers saw), then saved with a change (version 3).</summary>
    private static (Story Story, VersionContent FirstLive) Republishable()
    {
        var created = Created();
        var live = created.Then(created.Publish("Ed", null, null, Readings.AnyChange));
        return (live.Then(live.Revise(Draft(paragraphs: "Delegations met on Friday."), "Bo", null, Readings.AnyChange)), created.Shown("created"));
    }
}
