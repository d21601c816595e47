using System.Net;
using Revisions.Api.Tests.Infrastructure;
using static Revisions.Api.Tests.Corrections.Standards;

namespace Revisions.Api.Tests.Corrections;

public class when_a_published_story_changes_without_a_note(ApiFixture api) : IClassFixture<ApiFixture>
{
    private readonly Newsroom newsroom = api.Newsroom;

    [Fact]
    public async Task the_seed_update_is_flagged_and_an_update_note_resolves_it()
    {
        var (id, version) = await newsroom.PublishedStory(SeedStory.Version(1) with { Headline = "Seed flag story" });
        await newsroom.ReviseAndPublish(id, version, SeedStory.Version(2) with { Headline = "Seed flag story" });

        var flag = (await newsroom.OpenFlags(id)).ShouldHaveSingleItem().GetProperty("flag");
        var changes = flag.GetProperty("changes").EnumerateArray().Select(c => c.GetString()).ToList();
        changes.ShouldContain("block-added");
        changes.ShouldContain("block-removed");
        flag.GetProperty("summary").GetString().ShouldBe("Added the short headline; removed 1 paragraph; added 1 paragraph");
        flag.GetProperty("fromContentVersion").GetInt32().ShouldBe(1);

        var noted = await newsroom.AddNote(id, "update", "Adds news of the fire at Bicester Motion.");
        noted.Status.ShouldBe(HttpStatusCode.Created);
        noted.Body.GetProperty("resolvedFlags").GetArrayLength().ShouldBe(1);

        (await newsroom.OpenFlags(id)).ShouldBeEmpty();
        var resolved = (await newsroom.Get<List<System.Text.Json.JsonElement>>("/api/flags?status=resolved")).Body
            .Single(f => f.GetProperty("flag").GetProperty("storyId").GetString() == id);
        resolved.GetProperty("flag").GetProperty("closedBy").GetString().ShouldBe("Sam Standards");
    }

    [Fact]
    public async Task a_spelling_fix_to_a_name_raises_no_flag()
    {
        var (id, version) = await newsroom.PublishedStory(Story("Starmer on Ukraine", "UK prime minister Kier Starmer has said allies must follow through."));
        await newsroom.ReviseAndPublish(id, version, Story("Starmer on Ukraine", "UK prime minister Keir Starmer has said allies must follow through."));

        (await newsroom.OpenFlags(id)).ShouldBeEmpty();
        var versions = (await newsroom.Versions(id)).Body;
        var revised = versions.Single(v => v.Kind == "revised");
        revised.Changes.ShouldBe(["typo", "name"]);
        revised.ChangeSummary.ShouldBe("Corrected spelling of 'Keir'");
    }

    [Fact]
    public async Task a_changed_figure_raises_a_flag_unless_a_correction_goes_with_it()
    {
        var (id, version) = await newsroom.PublishedStory(Story("Territory held", "Moscow now holds around 20% of Ukraine’s territory."));
        await newsroom.ReviseAndPublish(id, version, Story("Territory held", "Moscow now holds around 25% of Ukraine’s territory."));
        (await newsroom.OpenFlags(id)).ShouldHaveSingleItem().GetProperty("flag").GetProperty("changes")[0].GetString().ShouldBe("number");

        var (other, otherVersion) = await newsroom.PublishedStory(Story("Territory held, corrected", "Moscow now holds around 20% of Ukraine’s territory."));
        await newsroom.ReviseAndPublish(other, otherVersion, Story("Territory held, corrected", "Moscow now holds around 25% of Ukraine’s territory."),
            noteKind: "correction", note: "An earlier version gave the share as 20%.");
        (await newsroom.OpenFlags(other)).ShouldBeEmpty();
        (await newsroom.Versions(other)).Body.Select(v => v.Kind).ShouldBe(["created", "published", "revised", "noted", "published"]);
    }

    [Fact]
    public async Task an_editorial_note_does_not_excuse_a_substantive_change()
    {
        var (id, version) = await newsroom.PublishedStory(Story("Quote story", "Zelenskyy said the team includes “no one who makes decisions”."));
        await newsroom.ReviseAndPublish(id, version, Story("Quote story", "Zelenskyy said the team includes “nobody who makes decisions”."),
            noteKind: "editorial", note: "Tidied the quote.");
        (await newsroom.OpenFlags(id)).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task a_standards_editor_can_dismiss_a_flag_with_a_reason()
    {
        var (id, version) = await newsroom.PublishedStory(Story("Dismissal story", "Talks began on Thursday."));
        await newsroom.ReviseAndPublish(id, version, Story("Dismissal story", "Talks began on Friday."));
        var flagId = (await newsroom.OpenFlags(id)).Single().GetProperty("flag").GetProperty("id").GetString();

        (await newsroom.Send<object>(HttpMethod.Post, $"/api/flags/{flagId}/dismiss", "Sam Standards", new { reason = "" }))
            .Status.ShouldBe(HttpStatusCode.BadRequest);
        (await newsroom.Send<object>(HttpMethod.Post, $"/api/flags/{flagId}/dismiss", "Sam Standards", new { reason = "Date was a typo in the draft only." }))
            .Status.ShouldBe(HttpStatusCode.OK);
        (await newsroom.Send<object>(HttpMethod.Post, $"/api/flags/{flagId}/dismiss", "Sam Standards", new { reason = "Again" }))
            .Status.ShouldBe(HttpStatusCode.Conflict);
        (await newsroom.Send<object>(HttpMethod.Post, $"/api/flags/{Guid.NewGuid()}/dismiss", "Sam Standards", new { reason = "x" }))
            .Status.ShouldBe(HttpStatusCode.NotFound);

        (await newsroom.OpenFlags(id)).ShouldBeEmpty();
        (await newsroom.Versions(id)).Body.Last().Kind.ShouldBe("flag-dismissed");
        (await newsroom.Versions(id)).Body.Last().Note.ShouldBe("Date was a typo in the draft only.");
    }

    [Fact]
    public async Task every_read_of_the_flag_list_reflects_the_request_that_changed_it()
    {
        for (var round = 0; round < 3; round++)
        {
            var (id, version) = await newsroom.PublishedStory(Story($"Read your writes {round}", "Talks began on Thursday."));
            var published = await newsroom.ReviseAndPublish(id, version, Story($"Read your writes {round}", "Talks began on Friday."));
            published.ShouldBeGreaterThan(version);
            // Raised by the publish: listed as soon as the publish has answered.
            var raised = (await newsroom.OpenFlags(id)).ShouldHaveSingleItem().GetProperty("flag").GetProperty("id").GetString();

            // Resolved by a note: no longer open the moment the note is answered, and dismissing it says who closed it.
            (await newsroom.AddNote(id, "correction", "An earlier version gave the day as Thursday.")).Status.ShouldBe(HttpStatusCode.Created);
            (await newsroom.OpenFlags(id)).ShouldBeEmpty();
            var late = await newsroom.Send<object>(HttpMethod.Post, $"/api/flags/{raised}/dismiss", "Sam Standards", new { reason = "Too late" });
            late.Status.ShouldBe(HttpStatusCode.Conflict);
            late.Problem!.Detail.ShouldBe("The flag was resolved by Sam Standards.");

            // Raised again and dismissed at once.
            var current = (await newsroom.Get(id)).Body.Version;
            await newsroom.ReviseAndPublish(id, current, Story($"Read your writes {round}", "Talks began on Saturday."));
            var again = (await newsroom.OpenFlags(id)).ShouldHaveSingleItem().GetProperty("flag").GetProperty("id").GetString();
            (await newsroom.Send<object>(HttpMethod.Post, $"/api/flags/{again}/dismiss", "Sam Standards", new { reason = "Checked with the desk." }))
                .Status.ShouldBe(HttpStatusCode.OK);
            (await newsroom.OpenFlags(id)).ShouldBeEmpty();
            (await newsroom.Get<List<System.Text.Json.JsonElement>>("/api/flags?status=dismissed")).Body
                .ShouldContain(f => f.GetProperty("flag").GetProperty("id").GetString() == again);
        }
    }

    [Fact]
    public async Task bad_notes_are_refused_and_change_nothing()
    {
        var (id, _) = await newsroom.PublishedStory(Story("Refused notes", "Talks began."));
        (await newsroom.AddNote(id, "apology", "Sorry")).Status.ShouldBe(HttpStatusCode.BadRequest);
        (await newsroom.AddNote(id, "correction", " ")).Status.ShouldBe(HttpStatusCode.BadRequest);
        (await newsroom.AddNote(id, "correction", new string('x', 2_001))).Status.ShouldBe((HttpStatusCode)413);
        (await newsroom.AddNote(id, "correction", "Fixed", version: 99)).Status.ShouldBe(HttpStatusCode.NotFound);
        (await newsroom.Events(id)).Body.Count.ShouldBe(2);
    }
}
