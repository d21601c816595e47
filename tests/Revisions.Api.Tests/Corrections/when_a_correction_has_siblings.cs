using System.Text.Json;
using Revisions.Api.Tests.Infrastructure;
using static Revisions.Api.Tests.Corrections.Standards;

namespace Revisions.Api.Tests.Corrections;

public class when_a_correction_has_siblings(ApiFixture api) : IClassFixture<ApiFixture>
{
    private readonly Newsroom newsroom = api.Newsroom;

    [Fact]
    public async Task other_published_stories_still_carrying_the_old_name_are_listed()
    {
        var (corrected, version) = await newsroom.PublishedStory(Story("Starmer in Kyiv", "UK prime minister Kier Starmer arrived in Kyiv."));
        var (sibling, _) = await newsroom.PublishedStory(Story("Allies meet", "Kier Starmer has said allies must follow through."));
        await newsroom.PublishedStory(Story("Unrelated", "Talks resumed in Istanbul."));
        await newsroom.PublishedStory(Story("Kiera story", "Kiera Smith reported from Kyiv."));
        var draft = (await newsroom.Create(Story("Draft follow-up", "Kier Starmer will speak tomorrow."))).Body.Id.ToString();

        await newsroom.ReviseAndPublish(corrected, version, Story("Starmer in Kyiv", "UK prime minister Keir Starmer arrived in Kyiv."),
            noteKind: "correction", note: "An earlier version misspelt Keir Starmer.");
        var correctionId = (await newsroom.Get<JsonElement>($"/api/corrections?story={corrected}")).Body
            .GetProperty("items")[0].GetProperty("id").GetString();

        var siblings = (await newsroom.Get<JsonElement>($"/api/corrections/{correctionId}/siblings")).Body;

        siblings.GetProperty("phrases")[0].GetProperty("old").GetString().ShouldBe("Kier");
        var stories = siblings.GetProperty("stories").EnumerateArray().ToList();
        stories.ShouldHaveSingleItem().GetProperty("storyId").GetString().ShouldBe(sibling);
        stories[0].GetProperty("excerpt").GetString()!.ShouldContain("Kier Starmer");
        stories.ShouldNotContain(s => s.GetProperty("storyId").GetString() == draft);
    }

    [Fact]
    public async Task an_unknown_correction_is_404() =>
        (await newsroom.Get<JsonElement>($"/api/corrections/{Guid.NewGuid()}/siblings")).Status.ShouldBe(System.Net.HttpStatusCode.NotFound);
}
