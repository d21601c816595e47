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
    public async Task a_corrected_number_is_looked_for_in_its_context_not_as_a_bare_word()
    {
        var (corrected, version) = await newsroom.PublishedStory(Story("Ceasefire talks end", "The ceasefire talks in Geneva lasted three days."));
        var (carrying, _) = await newsroom.PublishedStory(Story("Geneva talks analysis", "Diplomats say the talks lasted three days and produced no text."));
        var (unrelated, _) = await newsroom.PublishedStory(Story("Cabinet crisis", "Three ministers resigned after a three-hour meeting."));

        await newsroom.ReviseAndPublish(corrected, version, Story("Ceasefire talks end", "The ceasefire talks in Geneva lasted five days."),
            noteKind: "correction", note: "An earlier version said the talks lasted three days.");
        var correctionId = (await newsroom.Get<JsonElement>($"/api/corrections?story={corrected}")).Body
            .GetProperty("items")[0].GetProperty("id").GetString();

        var siblings = (await newsroom.Get<JsonElement>($"/api/corrections/{correctionId}/siblings")).Body;

        var phrase = siblings.GetProperty("phrases").EnumerateArray().ShouldHaveSingleItem();
        (phrase.GetProperty("old").GetString(), phrase.GetProperty("new").GetString()).ShouldBe(("lasted three days", "lasted five days"));
        var stories = siblings.GetProperty("stories").EnumerateArray().Select(s => s.GetProperty("storyId").GetString()).ToList();
        stories.ShouldBe([carrying]);
        stories.ShouldNotContain(unrelated);
    }

    [Fact]
    public async Task a_story_longer_than_the_diff_api_accepts_is_saved_corrected_and_searched_for_siblings()
    {
        // A newsroom that raised its limits: two versions of this story together are past the diff API's input cap.
        await using var host = await ApiFixture.StartHostAsync(api.ConnectionString, new Dictionary<string, string>
        {
            ["Revisions:Limits:MaxTotalLength"] = "1500000",
        });
        var desk = new Newsroom(host.Server.CreateClient());
        var filler = Enumerable.Range(0, 60).Select(i => $"Part {i} of the inquiry. " + string.Concat(Enumerable.Repeat("The panel heard evidence. ", 700))).ToArray();
        var (id, version) = await desk.PublishedStory(Story("Inquiry report", ["Lord Kierly chaired the inquiry.", .. filler]));
        (await desk.PublishedStory(Story("Inquiry reaction", "Lord Kierly declined to comment."))).Id.ShouldNotBeNull();

        await desk.ReviseAndPublish(id, version, Story("Inquiry report", ["Lord Keirly chaired the inquiry.", .. filler]),
            noteKind: "correction", note: "An earlier version misspelt Lord Keirly's name.");
        var correctionId = (await desk.Get<JsonElement>($"/api/corrections?story={id}")).Body
            .GetProperty("items")[0].GetProperty("id").GetString();
        var siblings = await desk.Get<JsonElement>($"/api/corrections/{correctionId}/siblings");

        siblings.Status.ShouldBe(System.Net.HttpStatusCode.OK);
        siblings.Body.GetProperty("phrases")[0].GetProperty("old").GetString().ShouldBe("Kierly");
        siblings.Body.GetProperty("stories").EnumerateArray().ShouldHaveSingleItem();
    }

    [Fact]
    public async Task an_unknown_correction_is_404() =>
        (await newsroom.Get<JsonElement>($"/api/corrections/{Guid.NewGuid()}/siblings")).Status.ShouldBe(System.Net.HttpStatusCode.NotFound);
}
