using System.Net;
using Revisions.Api.Tests.Infrastructure;

namespace Revisions.Api.Tests.Public;

/// <summary>
/// Every reader URL that names a story follows one rule: a slug spelled otherwise (upper case) is redirected,
/// permanently, to its canonical spelling, which answers as that story's state says. Slugs keep the letters of
/// every script, and travel percent-encoded in URLs and headers.
/// </summary>
public class when_a_slug_is_spelled_otherwise(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task every_reader_route_redirects_an_upper_case_slug_to_the_lower_case_one()
    {
        var (slug, version) = await api.Newsroom.Publish(Reader.Story("Leak live", "First words."));
        slug.ShouldBe("leak-live");

        foreach (var (asked, canonical) in new[]
                 {
                     ("/stories/LEAK-LIVE", "/stories/leak-live"),
                     ("/stories/Leak-Live/changes?since=1", "/stories/leak-live/changes?since=1"),
                     ($"/stories/LEAK-LIVE/versions/{version}", $"/stories/leak-live/versions/{version}"),
                     ("/stories/LEAK-LIVE/timemap", "/stories/leak-live/timemap"),
                     ("/stories/LEAK-LIVE/timegate", "/stories/leak-live/timegate"),
                     ("/feeds/stories/LEAK-LIVE/corrections.atom", "/feeds/stories/leak-live/corrections.atom"),
                 })
        {
            var page = await api.Newsroom.Open(asked);
            page.Status.ShouldBe(HttpStatusCode.MovedPermanently, asked);
            page.Response.Headers.Location!.OriginalString.ShouldBe(canonical, asked);
        }

        (await api.Newsroom.Open("/stories/leak-live")).Status.ShouldBe(HttpStatusCode.OK);
        (await api.Newsroom.Open("/stories/leak-live/changes")).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task an_unpublished_story_is_gone_whichever_way_its_slug_is_spelled()
    {
        var (slug, _) = await api.Newsroom.Publish(Reader.Story("Taken down", "Words."));
        var current = (await api.Newsroom.Get(slug)).Body;
        (await api.Newsroom.Unpublish(slug, current.Version)).Status.ShouldBe(HttpStatusCode.OK);

        var upper = await api.Newsroom.Open("/stories/TAKEN-DOWN");
        upper.Status.ShouldBe(HttpStatusCode.MovedPermanently);
        (await api.Newsroom.Open(upper.Response.Headers.Location!.OriginalString)).Status.ShouldBe(HttpStatusCode.Gone);
        (await api.Newsroom.Open("/stories/taken-down/changes")).Status.ShouldBe(HttpStatusCode.Gone);
    }

    [Fact]
    public async Task a_headline_in_another_script_keeps_its_letters_and_its_urls_are_percent_encoded()
    {
        var (slug, version) = await api.Newsroom.Publish(Reader.Story("ÄÖÜ 東京", "Ein Absatz."));
        slug.ShouldBe("aou-東京");
        await api.Newsroom.SaveNow(slug, Reader.Story("ÄÖÜ 東京", "Ein zweiter Absatz."));
        await api.Newsroom.PublishNow(slug);
        const string encoded = "/stories/aou-%E6%9D%B1%E4%BA%AC";

        var page = await api.Newsroom.Open(encoded);
        page.Status.ShouldBe(HttpStatusCode.OK);
        page.Html.ShouldContain($"href=\"{encoded}/changes\"");
        page.Response.Headers.GetValues("Link").Single().ShouldContain($"{encoded}/timegate>");
        (await api.Newsroom.Open($"{encoded}/changes")).Status.ShouldBe(HttpStatusCode.OK);
        (await api.Newsroom.Open($"{encoded}/versions/{version}")).Status.ShouldBe(HttpStatusCode.OK);

        var gate = await api.Newsroom.Open($"{encoded}/timegate");
        gate.Response.Headers.Location!.OriginalString.ShouldStartWith($"{encoded}/versions/");

        var upper = await api.Newsroom.Open("/stories/AOU-%E6%9D%B1%E4%BA%AC");
        upper.Status.ShouldBe(HttpStatusCode.MovedPermanently);
        upper.Response.Headers.Location!.OriginalString.ShouldBe(encoded);

        (await api.Newsroom.Publish(Reader.Story("Переговоры в Стамбуле", "Слова."))).Slug.ShouldBe("переговоры-в-стамбуле");
        var cyrillic = await api.Newsroom.Open("/stories/" + Uri.EscapeDataString("ПЕРЕГОВОРЫ-в-стамбуле"));
        cyrillic.Status.ShouldBe(HttpStatusCode.MovedPermanently);
        (await api.Newsroom.Open(cyrillic.Response.Headers.Location!.OriginalString)).Status.ShouldBe(HttpStatusCode.OK);
    }
}
