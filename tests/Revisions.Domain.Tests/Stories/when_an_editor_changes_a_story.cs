using Revisions.Domain.Corrections;
using Revisions.Domain.Stories;

namespace Revisions.Domain.Tests.Stories;

public class when_an_editor_changes_a_story
{
    private static readonly DateTimeOffset T0 = new(2025, 5, 16, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid Id = Guid.Parse("0196d3a0-0000-7000-8000-000000000001");

    private static StoryContent Draft(string headline = "Direct Talks Between Russia and Ukraine Resume", params string[] paragraphs) =>
        new(headline, null, "The first direct negotiations since 2022", null,
            (paragraphs.Length == 0 ? ["Delegations meet at Dolmabahçe palace, in Istanbul."] : paragraphs).Select(Block.Paragraph).ToList());

    private static Story Replay(params object[] events)
    {
        Story? state = null;
        for (var i = 0; i < events.Length; i++) state = Story.Evolve(state, events[i], i + 1, T0.AddMinutes(i));
        return state!;
    }

    [Fact]
    public void a_new_story_is_a_draft_at_version_one()
    {
        var story = Replay(Story.Create(Id, "talks", Draft(), "Ann", "First cut"));
        story.Version.ShouldBe(1);
        story.Status.ShouldBe(StoryStatus.Draft);
        story.CreatedBy.ShouldBe("Ann");
        story.PublishedVersion.ShouldBeNull();
    }

    [Fact]
    public void saving_identical_content_decides_nothing_even_with_stray_whitespace()
    {
        var story = Replay(Story.Create(Id, "talks", Draft(), "Ann", null));
        story.Revise(Draft() with { Headline = "  Direct Talks Between Russia and Ukraine Resume ", ShortHeadline = " " }, "Bo", null, Readings.AnyChange)
            .ShouldBeEmpty();
    }

    [Fact]
    public void a_revision_names_the_fields_it_changed()
    {
        var story = Replay(Story.Create(Id, "talks", Draft(), "Ann", null));
        var revised = story.Revise(Draft(paragraphs: "Delegations meet at Dolmabahçe palace.") with { ShortHeadline = "Talks resume" }, "Bo", new ChangeNote("Trim"), Readings.AnyChange)
            .ShouldHaveSingleItem().ShouldBeOfType<StoryRevised>();
        revised.ChangedFields.ShouldBe([StoryContent.Fields.ShortHeadline, StoryContent.Fields.Body]);
        revised.Editor.ShouldBe("Bo");
        revised.Note.ShouldBe("Trim");
    }

    [Fact]
    public void publishing_carries_the_live_content_and_is_not_repeated()
    {
        var created = Story.Create(Id, "talks", Draft(), "Ann", null);
        var story = Replay(created);
        var published = story.Publish("Ed", null, null, Readings.AnyChange).ShouldHaveSingleItem().ShouldBeOfType<StoryPublished>();
        published.ContentVersion.ShouldBe(1);
        published.Content.ShouldBe(created.Content);

        var live = Replay(created, published);
        live.Status.ShouldBe(StoryStatus.Published);
        live.PublishedVersion.ShouldBe(1);
        live.FirstPublishedAt.ShouldBe(T0.AddMinutes(1));
        live.Publish("Ed", null, null, Readings.AnyChange).ShouldBeEmpty();
    }

    [Fact]
    public void a_published_story_edited_again_can_be_republished_and_taken_down()
    {
        var created = Story.Create(Id, "talks", Draft(), "Ann", null);
        var published = Replay(created).Publish("Ed", null, null, Readings.AnyChange)[0];
        var revised = Replay(created, published).Revise(Draft("Talks Resume in Istanbul"), "Bo", null, Readings.AnyChange)[0];
        var story = Replay(created, published, revised);

        story.Status.ShouldBe(StoryStatus.Published);
        story.PublishedVersion.ShouldBe(1);
        story.ContentVersion.ShouldBe(3);
        story.Publish("Ed", null, null, Readings.AnyChange).ShouldHaveSingleItem().ShouldBeOfType<StoryPublished>().ContentVersion.ShouldBe(3);

        var down = story.Unpublish("Legal", "Court order").ShouldHaveSingleItem().ShouldBeOfType<StoryUnpublished>();
        var after = Replay(created, published, revised, down);
        after.Status.ShouldBe(StoryStatus.Draft);
        after.Unpublish("Legal", null).ShouldBeEmpty();
    }

    [Fact]
    public void restoring_brings_back_old_content_as_a_new_version()
    {
        var created = Story.Create(Id, "talks", Draft(), "Ann", null);
        var revised = Replay(created).Revise(Draft("Talks collapse"), "Bo", null, Readings.AnyChange)[0];
        var story = Replay(created, revised);

        var restored = story.Restore(1, new VersionContent(1, "created", 1, created.Content), "Ann", "Wrong headline", Readings.AnyChange).ShouldHaveSingleItem().ShouldBeOfType<StoryRestored>();
        restored.RestoredVersion.ShouldBe(1);
        restored.ChangedFields.ShouldBe([StoryContent.Fields.Headline]);
        Replay(created, revised, restored).Content.ShouldBe(created.Content);
        Replay(created, revised, restored).Restore(1, new VersionContent(1, "created", 1, created.Content), "Ann", null, Readings.AnyChange).ShouldBeEmpty();
    }

    [Fact]
    public void the_public_model_never_holds_a_draft()
    {
        var created = Story.Create(Id, "talks", Draft(), "Ann", null);
        PublishedStory? view = null;
        view = PublishedStory.Evolve(view, created, 1, T0);
        view.IsLive.ShouldBeFalse();
        view.Content.ShouldBeNull();

        var published = Replay(created).Publish("Ed", null, null, Readings.AnyChange)[0];
        view = PublishedStory.Evolve(view, published, 2, T0.AddMinutes(1));
        var revised = Replay(created, published).Revise(Draft("Draft headline nobody may see"), "Bo", null, Readings.AnyChange)[0];
        view = PublishedStory.Evolve(view, revised, 3, T0.AddMinutes(2));
        view.Content!.Headline.ShouldBe(created.Content.Headline);
        view.IsLive.ShouldBeTrue();

        view = PublishedStory.Evolve(view, new StoryUnpublished(Id, "Ed", null), 4, T0.AddMinutes(3));
        view.IsLive.ShouldBeFalse();
        view.Content.ShouldBeNull();
    }
}
