using System.Net;
using System.Text.Json;
using Revisions.Api.Tests.Infrastructure;
using Revisions.Domain.Stories;

namespace Revisions.Api.Tests.Public;

/// <summary>
/// Story pages come from the output cache until a commit to the story evicts them: readers never see an
/// older page than the one the last commit made, whatever the commit was.
/// </summary>
public class when_story_pages_are_cached(ApiFixture api) : IClassFixture<ApiFixture>
{
    private readonly Newsroom newsroom = api.Newsroom;

    private static bool FromCache(ReaderPage page) => page.Response.Headers.Age is not null;

    private async Task<ReaderPage> OpenTwice(string url)
    {
        await newsroom.Open(url);
        return await newsroom.Open(url);
    }

    [Fact]
    public async Task a_second_reader_gets_the_cached_page()
    {
        var (slug, _) = await newsroom.Publish(Reader.Story("Cached page story", "First paragraph."));
        var page = await OpenTwice($"/stories/{slug}");
        page.Status.ShouldBe(HttpStatusCode.OK);
        FromCache(page).ShouldBeTrue();
        page.Html.ShouldContain("First paragraph.");
    }

    [Fact]
    public async Task a_publish_evicts_the_page_at_once()
    {
        var (slug, _) = await newsroom.Publish(Reader.Story("Republished story", "Talks began on Monday."));
        FromCache(await OpenTwice($"/stories/{slug}")).ShouldBeTrue();

        await newsroom.SaveNow(slug, Reader.Story("Republished story", "Talks began on Tuesday."));
        var draftSaved = await newsroom.Open($"/stories/{slug}");
        draftSaved.Html.ShouldContain("Talks began on Monday.");   // a draft never reaches readers, cached or not
        await newsroom.PublishNow(slug);

        var page = await newsroom.Open($"/stories/{slug}");
        FromCache(page).ShouldBeFalse();
        page.Html.ShouldContain("Talks began on Tuesday.");
        page.Html.ShouldNotContain("Talks began on Monday.");
    }

    [Fact]
    public async Task a_takedown_evicts_the_page_at_once()
    {
        var (slug, _) = await newsroom.Publish(Reader.Story("Taken down story", "Soon gone."));
        FromCache(await OpenTwice($"/stories/{slug}")).ShouldBeTrue();

        var current = (await newsroom.Get(slug)).Body;
        (await newsroom.Unpublish(slug, current.Version)).Status.ShouldBe(HttpStatusCode.OK);
        (await newsroom.Open($"/stories/{slug}")).Status.ShouldBe(HttpStatusCode.Gone);
    }

    [Fact]
    public async Task a_redaction_evicts_the_page_at_once()
    {
        var (slug, _) = await newsroom.Publish(Reader.Story("Redacted story", "The council met.", "Alderman Quimby took the money."));
        (await OpenTwice($"/stories/{slug}")).Html.ShouldContain("Quimby");

        (await newsroom.Send<JsonElement>(HttpMethod.Post, $"/api/stories/{slug}/redactions", "Lee Legal",
            new { contentVersion = 1, block = 1, reason = "Court order" })).Status.ShouldBe(HttpStatusCode.Created);
        (await newsroom.Open($"/stories/{slug}")).Html.ShouldNotContain("Quimby");
    }

    [Fact]
    public async Task a_correction_note_evicts_the_page_at_once()
    {
        // A note changes the reader page without a publish: no new content goes live, only the note.
        var (slug, _) = await newsroom.Publish(Reader.Story("Corrected story", "The minister met 40 delegates."));
        FromCache(await OpenTwice($"/stories/{slug}")).ShouldBeTrue();

        (await newsroom.Send<JsonElement>(HttpMethod.Post, $"/api/stories/{slug}/notes", "Sam Standards",
            new { kind = "correction", text = "An earlier version gave the wrong number of delegates." })).Status.ShouldBe(HttpStatusCode.Created);

        var page = await newsroom.Open($"/stories/{slug}");
        FromCache(page).ShouldBeFalse();
        page.Html.ShouldContain("An earlier version gave the wrong number of delegates.");
    }

    [Fact]
    public async Task a_story_not_live_yet_is_not_cached_as_missing()
    {
        var created = (await newsroom.Create(Reader.Story("Not live yet", "Embargoed."))).Body;
        (await OpenTwice($"/stories/{created.Slug}")).Status.ShouldBe(HttpStatusCode.NotFound);

        (await newsroom.Publish(created.Slug, created.Version)).Status.ShouldBe(HttpStatusCode.OK);
        (await newsroom.Open($"/stories/{created.Slug}")).Status.ShouldBe(HttpStatusCode.OK);
    }
}
