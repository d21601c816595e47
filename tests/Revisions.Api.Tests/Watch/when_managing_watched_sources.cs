using System.Net;
using Revisions.Api.Tests.Infrastructure;
using Revisions.Api.Watch;

namespace Revisions.Api.Tests.Watch;

/// <summary>
/// The desk adds, pauses, resumes and removes sources; a watched page's story stays in the newsroom: it is never
/// published, revised or listed on the reader's side.
/// </summary>
public class when_managing_watched_sources(WatchedApi api) : IClassFixture<WatchedApi>
{
    [Fact]
    public async Task a_paused_source_is_not_polled_and_a_removed_one_leaves_its_stories()
    {
        var newsroom = api.Newsroom;
        var added = await newsroom.Send<SourceView>(HttpMethod.Post, "/api/watch/sources", "Ann Editor",
            new { url = api.Site.Url("/articles/typo?manage=1").ToString(), kind = "page", intervalMinutes = 10 });
        added.Status.ShouldBe(HttpStatusCode.Created);
        added.Response.Headers.Location!.ToString().ShouldBe($"/api/watch/sources/{added.Body.Id}");
        added.Body.IntervalMinutes.ShouldBe(10);
        (await newsroom.Send<SourceView>(HttpMethod.Post, "/api/watch/sources", "Ann Editor",
            new { url = api.Site.Url("/articles/typo?manage=1").ToString(), kind = "page" })).Status.ShouldBe(HttpStatusCode.Conflict);
        foreach (var bad in new object[] { new { url = "ftp://example.com/x", kind = "page" }, new { url = "not a url", kind = "feed" },
                     new { url = "https://example.com/", kind = "podcast" }, new { url = "https://example.com/", kind = "page", intervalMinutes = 0 } })
            (await newsroom.Send<SourceView>(HttpMethod.Post, "/api/watch/sources", "Ann Editor", bad)).Status.ShouldBe(HttpStatusCode.BadRequest);

        var id = added.Body.Id;
        (await newsroom.Send<SourceView>(HttpMethod.Post, $"/api/watch/sources/{id}/pause", "Ann Editor", null)).Body.Status.ShouldBe("paused");
        var before = api.Site.Requests.Count(r => r.Path == "/articles/typo");
        await api.PollUntilIdleAsync();
        api.Site.Requests.Count(r => r.Path == "/articles/typo").ShouldBe(before);
        (await newsroom.Send<SourceView>(HttpMethod.Post, $"/api/watch/sources/{id}/poll", "Ann Editor", null)).Status.ShouldBe(HttpStatusCode.Conflict);

        var resumed = (await newsroom.Send<SourceView>(HttpMethod.Post, $"/api/watch/sources/{id}/resume", "Ann Editor", null)).Body;
        resumed.Status.ShouldBe("active");
        await api.PollUntilIdleAsync();
        var detail = (await newsroom.Get<SourceDetail>($"/api/watch/sources/{id}")).Body;
        detail.Source.Articles.ShouldBe(1);
        detail.Source.LastPolledAt.ShouldNotBeNull();
        detail.Source.NextPollAt.ShouldBe(detail.Source.LastPolledAt!.Value + TimeSpan.FromMinutes(10));
        var storyId = detail.Pages.Single().StoryId!.Value.ToString();

        // Someone else's article: never revised, published or shown to readers here.
        var story = (await newsroom.Get(storyId)).Body;
        (await newsroom.Revise(storyId, Public.Reader.Story("Our own words", "Text."), story.Version)).Status.ShouldBe(HttpStatusCode.Conflict);
        var publish = await newsroom.Publish(storyId, story.Version);
        publish.Status.ShouldBe(HttpStatusCode.Conflict);
        publish.Problem!.Detail!.ShouldContain("cannot be published");
        using var reader = api.Host.Server.CreateClient();
        (await reader.GetAsync($"/stories/{story.Slug}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await reader.GetAsync($"/stories/{story.Slug}/timemap")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        // The newsroom's as-of view shows what the page showed, as captured.
        var asOf = await newsroom.Get<System.Text.Json.JsonElement>($"/api/stories/{storyId}/public");
        asOf.Status.ShouldBe(HttpStatusCode.OK);
        asOf.Body.GetProperty("content").GetProperty("headline").GetString().ShouldBe("Council approves new budget");

        (await newsroom.Send<object>(HttpMethod.Delete, $"/api/watch/sources/{id}", "Ann Editor", null)).Status.ShouldBe(HttpStatusCode.NoContent);
        (await newsroom.Get<SourceDetail>($"/api/watch/sources/{id}")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await newsroom.Get<List<SourceView>>("/api/watch/sources")).Body.ShouldNotContain(s => s.Id == id);
        (await newsroom.Get(storyId)).Status.ShouldBe(HttpStatusCode.OK);
    }
}
