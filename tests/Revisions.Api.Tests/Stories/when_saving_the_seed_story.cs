using System.Net;
using Revisions.Api.Tests.Infrastructure;
using Revisions.Api.Stories;
using Revisions.Domain.Stories;

namespace Revisions.Api.Tests.Stories;

public class when_saving_the_seed_story(ApiFixture api) : IClassFixture<ApiFixture>
{
    private readonly Newsroom newsroom = api.Newsroom;

    [Fact]
    public async Task both_versions_rebuild_exactly_and_as_of_between_them_returns_the_first()
    {
        var created = await newsroom.Create(SeedStory.Version(1), editor: "Ann Editor", note: "First cut");
        created.Status.ShouldBe(HttpStatusCode.Created);
        created.ETag.ShouldBe("\"1\"");
        created.Response.Headers.Location!.ToString().ShouldBe($"/api/stories/{created.Body.Id}");
        var id = created.Body.Id.ToString();

        var revised = await newsroom.Revise(id, SeedStory.Version(2), version: 1, editor: "Bo Desk");
        revised.Status.ShouldBe(HttpStatusCode.OK);
        revised.ETag.ShouldBe("\"2\"");

        (await newsroom.GetVersion(id, 1)).Body.Content().ShouldBe(SeedStory.Version(1));
        (await newsroom.GetVersion(id, 2)).Body.Content().ShouldBe(SeedStory.Version(2));
        (await newsroom.Get(id)).Body.Content().ShouldBe(SeedStory.Version(2));

        var versions = (await newsroom.Versions(id)).Body;
        versions.Select(v => v.Version).ShouldBe([1, 2]);
        versions[0].Editor.ShouldBe("Ann Editor");
        versions[0].Note.ShouldBe("First cut");
        versions[1].Kind.ShouldBe("revised");
        versions[1].ChangedFields.ShouldBe(["shortHeadline", "body"]);

        var between = versions[0].At + (versions[1].At - versions[0].At) / 2;
        var asOf = await newsroom.Get(id, $"?asOf={Uri.EscapeDataString(between.ToString("O"))}");
        asOf.Body.Version.ShouldBe(1);
        asOf.Body.Content().ShouldBe(SeedStory.Version(1));

        var before = await newsroom.Get(id, $"?asOf={Uri.EscapeDataString(versions[0].At.AddSeconds(-1).ToString("O"))}");
        before.Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task a_story_is_found_by_its_slug_made_from_the_headline()
    {
        var created = (await newsroom.Create(SeedStory.Version(1) with { Headline = "Café talks: Kyiv & Moscow resume" })).Body;
        created.Slug.ShouldBe("cafe-talks-kyiv-moscow-resume");
        (await newsroom.Get(created.Slug)).Body.Id.ShouldBe(created.Id);

        var second = (await newsroom.Create(SeedStory.Version(1) with { Headline = "Café talks: Kyiv & Moscow resume" })).Body;
        second.Slug.ShouldBe("cafe-talks-kyiv-moscow-resume-2");
    }

    [Fact]
    public async Task saving_identical_content_creates_no_version()
    {
        var id = (await newsroom.Create(SeedStory.Version(1))).Body.Id.ToString();
        var again = await newsroom.Revise(id, SeedStory.Version(1), version: 1);
        again.Status.ShouldBe(HttpStatusCode.OK);
        again.Body.Version.ShouldBe(1);
        (await newsroom.Events(id)).Body.Count.ShouldBe(1);
    }

    [Fact]
    public async Task publishing_unpublishing_and_restoring_are_versions_of_their_own()
    {
        var id = (await newsroom.Create(SeedStory.Version(1))).Body.Id.ToString();
        var published = (await newsroom.Publish(id, 1, note: "Live")).Body;
        published.Version.ShouldBe(2);
        published.Status.ShouldBe(StoryStatus.Published);
        published.PublishedVersion.ShouldBe(1);

        (await newsroom.Revise(id, SeedStory.Version(2), 2)).Body.Version.ShouldBe(3);
        var restored = (await newsroom.Restore(id, restoreVersion: 1, version: 3)).Body;
        restored.Version.ShouldBe(4);
        restored.Content().ShouldBe(SeedStory.Version(1));

        var down = (await newsroom.Unpublish(id, 4)).Body;
        down.Status.ShouldBe(StoryStatus.Draft);
        down.PublishedVersion.ShouldBeNull();

        (await newsroom.Versions(id)).Body.Select(v => v.Kind).ShouldBe(["created", "published", "revised", "restored", "unpublished"]);
        var events = (await newsroom.Events(id)).Body;
        events.Select(e => e.GetProperty("version").GetInt32()).ShouldBe([1, 2, 3, 4, 5]);
        events[1].GetProperty("data").GetProperty("contentVersion").GetInt32().ShouldBe(1);
    }
}
