using System.Net;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Revisions.Api.Tests.Infrastructure;
using Revisions.Domain.Legal;

namespace Revisions.Api.Tests.Public;

/// <summary>
/// The site beyond one story: the index of published stories, the stories updated recently (what a change
/// tracker's front page shows) and the sitemap crawlers read. None of them may show a draft, a story taken down
/// or redacted text.
/// </summary>
public class when_a_reader_browses_the_site(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static readonly XNamespace Sitemaps = "http://www.sitemaps.org/schemas/sitemap/0.9";
    private readonly Newsroom newsroom = api.Newsroom;

    [Fact]
    public async Task the_index_the_updates_and_the_sitemap_list_published_stories_only()
    {
        var (live, _) = await newsroom.Publish(Reader.Story("Harbour reopens to ferries", "Ferries sail again."));
        var (updated, _) = await newsroom.Publish(Reader.Story("Council tax set", "The council set its tax."));
        await newsroom.SaveNow(updated, Reader.Story("Council tax set", "The council set its tax at 3%."));
        var republished = await newsroom.PublishNow(updated);
        var draft = (await newsroom.Create(Reader.Story("Unannounced merger DRAFTONLY", "Secret."))).Body.Slug;
        var (withdrawn, withdrawnAt) = await newsroom.Publish(Reader.Story("Withdrawn WITHDRAWNONLY report", "Wrong."));
        await newsroom.Unpublish(withdrawn, withdrawnAt);
        // Its address does not name the witness: a redaction covers text, not the slug chosen when it was created.
        var redacted = (await newsroom.Create(Reader.Story("Witness Quimby REDACTEDONLY named", "Text."), slug: "court-case-witness")).Body.Slug;
        await newsroom.Publish(redacted, 1);
        (await newsroom.Send<object>(HttpMethod.Post, $"/api/stories/{redacted}/redactions", "Lee Legal",
            new { contentVersion = 1, field = "headline", reason = "Court order" })).Status.ShouldBe(HttpStatusCode.Created);
        // A draft saved over a live story stays out too.
        await newsroom.SaveNow(live, Reader.Story("Harbour reopens LATERDRAFT", "Unchecked."));

        var index = await newsroom.Open("/stories");
        index.Status.ShouldBe(HttpStatusCode.OK);
        index.Html.ShouldContain($"<a href=\"/stories/{live}\">Harbour reopens to ferries</a>");
        index.Html.ShouldContain($"<a href=\"/stories/{updated}\">Council tax set</a>");
        index.Html.ShouldContain($"<a href=\"/stories/{redacted}\">{RedactionRules.Marker}</a>");
        index.Response.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("default-src 'none'");

        var updates = await newsroom.Open("/updates");
        updates.Status.ShouldBe(HttpStatusCode.OK);
        updates.Html.ShouldContain($"<a href=\"/stories/{updated}\">Council tax set</a>");
        updates.Html.ShouldContain($"href=\"/stories/{updated}/changes#v{republished}\">What changed</a>");
        updates.Html.ShouldNotContain($"/stories/{live}\"");

        var sitemap = await newsroom.Open("/sitemap.xml");
        sitemap.Status.ShouldBe(HttpStatusCode.OK);
        sitemap.Response.Content.Headers.ContentType!.MediaType.ShouldBe("application/xml");
        var urls = XDocument.Parse(sitemap.Html).Root!.Elements(Sitemaps + "url").ToDictionary(
            u => u.Element(Sitemaps + "loc")!.Value, u => DateTimeOffset.Parse(u.Element(Sitemaps + "lastmod")!.Value));
        urls.Keys.ShouldContain($"http://localhost/stories/{live}");
        urls.Keys.ShouldContain($"http://localhost/stories/{redacted}");
        var council = (await newsroom.Get(updated)).Body;
        urls[$"http://localhost/stories/{updated}"].ShouldBe(TruncatedToSeconds(council.PublishedAt!.Value));

        foreach (var page in new[] { index, updates, sitemap })
        {
            foreach (var hidden in new[] { "DRAFTONLY", "WITHDRAWNONLY", "REDACTEDONLY", "LATERDRAFT", draft, withdrawn })
                page.Html.ShouldNotContain(hidden);
        }
    }

    [Fact]
    public async Task the_index_comes_fifty_stories_a_page_newest_first()
    {
        var slugs = new List<string>();
        for (var i = 0; i < 51; i++) slugs.Add((await newsroom.Publish(Reader.Story($"Paged index story {i}", "Text."))).Slug);

        var first = await newsroom.Open("/stories");
        var second = await newsroom.Open("/stories?page=2");
        second.Status.ShouldBe(HttpStatusCode.OK);
        first.Html.ShouldContain("<link rel=\"next\" href=\"/stories?page=2\" />");
        second.Html.ShouldContain("<link rel=\"prev\" href=\"/stories\" />");
        first.Html.ShouldContain("<a rel=\"next\" href=\"/stories?page=2\">Older</a>");

        var listed = Listed(first.Html).Concat(Listed(second.Html)).ToList();
        listed.ShouldBeUnique();
        var mine = listed.Where(slugs.Contains).ToList();
        mine.ShouldBe(slugs.AsEnumerable().Reverse(), "every one of them, newest first");
        Listed(first.Html).Count.ShouldBe(50);

        (await newsroom.Open("/stories?page=0")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await newsroom.Open("/stories?page=x")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await newsroom.Open("/stories?page=999")).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    private static List<string> Listed(string html) =>
        Regex.Matches(html, "<h2><a href=\"/stories/([^\"]+)\">").Select(m => m.Groups[1].Value).ToList();

    private static DateTimeOffset TruncatedToSeconds(DateTimeOffset at) => new(at.UtcTicks - at.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
}
