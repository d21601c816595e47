using System.Net;
using Revisions.Api.Tests.Infrastructure;

namespace Revisions.Api.Tests.Public;

public class when_a_reader_opens_a_story(ApiFixture api) : IClassFixture<ApiFixture>
{
    private readonly Newsroom newsroom = api.Newsroom;

    [Fact]
    public async Task a_story_that_was_never_published_is_not_found_anywhere()
    {
        var draft = (await newsroom.Create(Reader.Story("Unannounced merger talks", "Secret draft paragraph."))).Body;

        foreach (var url in new[] { "", "/changes", "/versions/1", "/live" })
        {
            var page = await newsroom.Open($"/stories/{draft.Slug}{url}");
            page.Status.ShouldBe(HttpStatusCode.NotFound, url);
            page.Html.ShouldNotContain("Secret draft");
            page.Html.ShouldNotContain("merger");
        }
        (await newsroom.Open("/stories/no-such-story")).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task an_edit_after_publishing_stays_out_of_every_page_until_it_is_published()
    {
        var (slug, _) = await newsroom.Publish(Reader.Story("Bridge reopens", "The bridge reopened at noon."), note: "First report");
        var live = (await newsroom.PublishVersions(slug))[^1];
        await newsroom.SaveNow(slug, Reader.Story("Bridge reopens", "UNCHECKED DRAFT claim about the bridge."));

        foreach (var url in new[] { "", "/changes", $"/versions/{live}" })
        {
            var page = await newsroom.Open($"/stories/{slug}{url}");
            page.Status.ShouldBe(HttpStatusCode.OK, url);
            if (url != "/changes") page.Html.ShouldContain("The bridge reopened at noon.");
            page.Html.ShouldNotContain("UNCHECKED");
        }
        (await newsroom.Open($"/stories/{slug}/versions/{live + 1}")).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task the_story_page_shows_the_live_text_when_it_was_updated_and_the_publish_notes()
    {
        var (slug, version) = await newsroom.Publish(Reader.Story("Storm warning issued", "Winds of 90 mph are expected."), note: "Adds wind speed");
        var published = (await newsroom.Get(slug)).Body;

        var page = await newsroom.Open($"/stories/{slug}");
        page.Response.Content.Headers.ContentType!.ToString().ShouldBe("text/html; charset=utf-8");
        page.Html.ShouldContain("<html lang=\"en\">");
        page.Html.ShouldContain("<h1>Storm warning issued</h1>");
        page.Html.ShouldContain("Winds of 90 mph are expected.");
        page.Html.ShouldContain($"Updated <time datetime=\"{published.PublishedAt!.Value.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}\">");
        page.Html.ShouldContain("Adds wind speed");
        page.Html.ShouldContain($"/stories/{slug}/live?since={version}");
    }

    [Fact]
    public async Task an_unpublished_story_is_gone_with_its_history()
    {
        var (slug, version) = await newsroom.Publish(Reader.Story("Recalled report", "Text that was taken down."));
        await newsroom.Unpublish(slug, (await newsroom.Get(slug)).Body.Version);

        foreach (var url in new[] { "", "/changes", $"/versions/{version}" })
        {
            var page = await newsroom.Open($"/stories/{slug}{url}");
            page.Status.ShouldBe(HttpStatusCode.Gone, url);
            page.Html.ShouldNotContain("taken down");
        }
        (await newsroom.Open($"/stories/{slug}/live")).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task story_text_is_encoded_and_pages_forbid_inline_script()
    {
        var (slug, _) = await newsroom.Publish(Reader.Story("Headline with \"quotes\" & <b>tags</b>",
            "<script>alert(1)</script>", "<img src=x onerror=alert(2)>"), note: "<script>alert(3)</script>");

        var page = await newsroom.Open($"/stories/{slug}");
        page.Html.ShouldContain("&lt;script&gt;alert(1)&lt;/script&gt;");
        page.Html.ShouldContain("&lt;img src=x onerror=alert(2)&gt;");
        page.Html.ShouldContain("&lt;script&gt;alert(3)&lt;/script&gt;");
        page.Html.ShouldNotContain("<script>alert");
        page.Html.ShouldNotContain("<img");
        page.Html.ShouldNotContain("<b>tags");
        var policy = page.Response.Headers.GetValues("Content-Security-Policy").Single();
        policy.ShouldContain("script-src 'self'");
        policy.ShouldNotContain("unsafe-inline");
    }

    [Fact]
    public async Task the_stylesheet_and_script_are_cached_and_versioned_by_content()
    {
        var (slug, _) = await newsroom.Publish(Reader.Story("Assets check", "One paragraph."));
        var page = await newsroom.Open($"/stories/{slug}");

        var css = System.Text.RegularExpressions.Regex.Match(page.Html, "href=\"(/reader/site\\.css\\?v=[0-9a-f]+)\"").Groups[1].Value;
        var js = System.Text.RegularExpressions.Regex.Match(page.Html, "<script src=\"(/reader/live\\.js\\?v=[0-9a-f]+)\" defer>").Groups[1].Value;
        foreach (var url in new[] { css, js })
        {
            url.ShouldNotBeEmpty();
            var asset = await newsroom.Client.GetAsync(url);
            asset.StatusCode.ShouldBe(HttpStatusCode.OK);
            asset.Headers.CacheControl!.MaxAge.ShouldBe(TimeSpan.FromDays(365));
        }
    }
}
