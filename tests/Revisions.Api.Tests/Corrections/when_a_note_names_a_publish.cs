using System.Net;
using Revisions.Api.Tests.Infrastructure;
using Revisions.Api.Tests.Public;
using static Revisions.Api.Tests.Corrections.Standards;

namespace Revisions.Api.Tests.Corrections;

/// <summary>
/// Readers' permalinks number publishes, so a standards editor naturally names a publish when noting a
/// correction. A note is about content: named after a publish it is about the content that publish put live.
/// </summary>
public class when_a_note_names_a_publish(ApiFixture api) : IClassFixture<ApiFixture>
{
    private readonly Newsroom newsroom = api.Newsroom;

    [Fact]
    public async Task the_note_is_about_the_content_that_publish_put_live_and_readers_see_it_with_that_update()
    {
        var (slug, firstPublish) = await newsroom.Publish(Reader.Story("Bridge closes", "The bridge closed at noon."));
        await newsroom.SaveNow(slug, Reader.Story("Bridge closes", "The bridge closed at one o'clock."));
        var secondPublish = await newsroom.PublishNow(slug);
        var revised = (await newsroom.Versions(slug)).Body.Single(v => v.Kind == "revised").Version;

        var noted = await newsroom.AddNote(slug, "correction", "An earlier version gave the time as noon.", version: secondPublish);

        noted.Status.ShouldBe(HttpStatusCode.Created);
        noted.Body.GetProperty("aboutVersion").GetInt32().ShouldBe(revised);
        var page = await newsroom.Open($"/stories/{slug}/changes");
        var second = page.Html[page.Html.IndexOf($"id=\"v{secondPublish}\"", StringComparison.Ordinal)..];
        second.ShouldContain("An earlier version gave the time as noon.");
        page.Html[..page.Html.IndexOf($"id=\"v{secondPublish}\"", StringComparison.Ordinal)].ShouldNotContain("gave the time as noon");

        // Named after the first publish, a note is about the first content: it goes with update 1.
        (await newsroom.AddNote(slug, "clarification", "The bridge is the Tyne Bridge.", version: firstPublish))
            .Body.GetProperty("aboutVersion").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task a_version_the_story_does_not_have_is_still_not_found()
    {
        var (slug, publish) = await newsroom.Publish(Reader.Story("Ferry delayed", "The ferry left late."));
        var refused = await newsroom.AddNote(slug, "correction", "Fixed", version: publish + 1);
        refused.Status.ShouldBe(HttpStatusCode.NotFound);
        refused.Problem!.Detail.ShouldBe($"The story has versions 1 to {publish}; there is no version {publish + 1}.");
    }
}
