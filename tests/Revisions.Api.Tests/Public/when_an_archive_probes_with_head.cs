using System.Net;
using Revisions.Api.Tests.Infrastructure;

namespace Revisions.Api.Tests.Public;

/// <summary>
/// Archive tools and link checkers probe with HEAD (RFC 9110: HEAD is supported wherever GET is), so every page,
/// permalink, Memento endpoint and feed answers it with the status and headers GET would give.
/// </summary>
public class when_an_archive_probes_with_head(ApiFixture api) : IClassFixture<ApiFixture>
{
    private readonly Newsroom newsroom = api.Newsroom;

    [Fact]
    public async Task every_reader_url_answers_head_as_it_answers_get()
    {
        var (slug, version) = await newsroom.Publish(Reader.Story("Harbour wall repaired", "Work finished on Tuesday."));
        string[] urls =
        [
            $"/stories/{slug}", $"/stories/{slug}/changes", $"/stories/{slug}/versions/{version}", $"/stories/{slug}/timemap",
            $"/stories/{slug}/timegate", "/feeds/corrections.atom", $"/feeds/stories/{slug}/corrections.atom", "/stories/no-such-story"
        ];
        using var client = api.Host.Server.CreateClient();
        foreach (var url in urls)
        {
            using var get = await client.GetAsync(url);
            using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));
            head.StatusCode.ShouldBe(get.StatusCode, url);
            head.StatusCode.ShouldNotBe(HttpStatusCode.MethodNotAllowed, url);
            head.Content.Headers.ContentType?.MediaType.ShouldBe(get.Content.Headers.ContentType?.MediaType, url);
            head.Headers.Contains("Link").ShouldBe(get.Headers.Contains("Link"), url);
        }
    }

    [Fact]
    public async Task the_timegate_redirects_a_head_request_to_the_memento()
    {
        var (slug, version) = await newsroom.Publish(Reader.Story("Ferry timetable changes", "Sailings move to the hour."));
        using var client = api.Host.Server.CreateClient();
        using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/stories/{slug}/timegate"));
        head.StatusCode.ShouldBe(HttpStatusCode.Found);
        head.Headers.Location!.ToString().ShouldBe($"/stories/{slug}/versions/{version}");
    }
}
