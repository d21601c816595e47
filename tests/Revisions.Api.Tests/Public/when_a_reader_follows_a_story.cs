using System.Net;
using System.ServiceModel.Syndication;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using Revisions.Api.Tests.Corrections;
using Revisions.Api.Tests.Infrastructure;
using Revisions.Domain.Legal;

namespace Revisions.Api.Tests.Public;

/// <summary>
/// A reader (or a feed reader, or a search engine) following one story: its Atom feed of updates, linked from
/// the page, and the schema.org NewsArticle the page carries with every public correction.
/// </summary>
public class when_a_reader_follows_a_story(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private readonly Newsroom newsroom = api.Newsroom;

    /// <summary>Published, corrected and published again, then noted editorially, redacted in part and drafted on.</summary>
    private async Task<(string Slug, int First, int Second)> ThreeUpdates()
    {
        var (slug, first) = await newsroom.Publish(Reader.Story("Ferry strike called", "Crews will strike on Monday.", "Talks failed."), note: "First report");
        await newsroom.SaveNow(slug, Reader.Story("Ferry strike called", "Crews will strike on Tuesday.", "Talks failed."));
        await newsroom.AddNote(slug, "correction", "An earlier version gave the strike day as Monday.");
        await newsroom.AddNote(slug, "editorial", "DESK ONLY: checked with the union.");
        var second = await newsroom.PublishNow(slug);
        await newsroom.SaveNow(slug, Reader.Story("Ferry strike called", "Crews will strike on Tuesday.", "Talks failed.", "Witness Jane Roe said so."));
        var third = await newsroom.PublishNow(slug);
        (await newsroom.Send<object>(HttpMethod.Post, $"/api/stories/{slug}/redactions", "Lee Legal",
            new { contentVersion = third - 1, block = 2, reason = "Privacy" })).Status.ShouldBe(HttpStatusCode.Created);
        await newsroom.SaveNow(slug, Reader.Story("Ferry strike called", "UNPUBLISHED DRAFT text."));
        return (slug, first, second);
    }

    [Fact]
    public async Task the_updates_feed_is_atom_with_one_entry_per_public_update()
    {
        var (slug, first, second) = await ThreeUpdates();
        var publishes = await newsroom.PublishVersions(slug);

        var response = await newsroom.Open($"/feeds/stories/{slug}/updates.atom");

        response.Status.ShouldBe(HttpStatusCode.OK);
        response.Response.Content.Headers.ContentType!.MediaType.ShouldBe("application/atom+xml");
        using (var reader = XmlReader.Create(new StringReader(response.Html)))
        {
            var parsed = SyndicationFeed.Load(reader);
            parsed.Items.Count().ShouldBe(3);
        }

        // RFC 4287: a feed has an id, a title, an updated time and an author (or every entry has one), and every
        // entry an id, a title, an updated time and a link.
        var feed = XDocument.Parse(response.Html).Root!;
        feed.Name.ShouldBe(Atom + "feed");
        foreach (var required in new[] { "id", "title", "updated", "author" }) feed.Element(Atom + required).ShouldNotBeNull(required);
        feed.Element(Atom + "author")!.Element(Atom + "name")!.Value.ShouldNotBeEmpty();
        feed.Elements(Atom + "link").ShouldContain(l => (string?)l.Attribute("rel") == "self" && ((string)l.Attribute("href")!).EndsWith($"/feeds/stories/{slug}/updates.atom"));
        var entries = feed.Elements(Atom + "entry").ToList();
        foreach (var entry in entries)
        {
            foreach (var required in new[] { "id", "title", "updated" }) entry.Element(Atom + required).ShouldNotBeNull(required);
            DateTimeOffset.Parse(entry.Element(Atom + "updated")!.Value).ShouldBeGreaterThan(DateTimeOffset.UnixEpoch);
            entry.Elements(Atom + "link").ShouldContain(l => (string?)l.Attribute("rel") == "alternate" || l.Attribute("rel") == null);
        }
        entries.Select(e => e.Element(Atom + "id")!.Value).ShouldBeUnique();

        // Newest first, each linking to its diff on the changes page, with its public notes and what changed.
        entries.Select(e => Regex.Match(e.Element(Atom + "id")!.Value, @"/versions/(\d+)$").Groups[1].Value).ShouldBe(publishes.AsEnumerable().Reverse().Select(v => v.ToString()));
        var middle = entries[1];
        middle.Element(Atom + "title")!.Value.ShouldBe("Update 2: Ferry strike called");
        ((string)middle.Elements(Atom + "link").First(l => (string?)l.Attribute("rel") is null or "alternate").Attribute("href")!)
            .ShouldEndWith($"/stories/{slug}/changes#v{second}");
        middle.Element(Atom + "summary")!.Value.ShouldBe("Correction: An earlier version gave the strike day as Monday.\n1 paragraph changed, 2 words changed.");
        entries[2].Element(Atom + "title")!.Value.ShouldBe("First published: Ferry strike called");
        entries[2].Element(Atom + "summary")!.Value.ShouldBe("Update: First report\nFirst published.");
        feed.Element(Atom + "updated")!.Value.ShouldBe(entries[0].Element(Atom + "updated")!.Value);

        response.Html.ShouldNotContain("DESK ONLY");
        response.Html.ShouldNotContain("Jane Roe");
        response.Html.ShouldNotContain("UNPUBLISHED DRAFT");
        first.ShouldBeLessThan(second);
    }

    [Fact]
    public async Task the_story_page_links_its_feed()
    {
        var (slug, _) = await newsroom.Publish(Reader.Story("Bridge reopens", "The bridge reopened at noon."));
        var page = await newsroom.Open($"/stories/{slug}");
        // Templates encode "+" in attribute values as &#x2B;, which HTML reads as "+".
        page.Html.ShouldContain($"<link rel=\"alternate\" type=\"application/atom&#x2B;xml\" title=\"Updates to this story\" href=\"/feeds/stories/{slug}/updates.atom\" />");
    }

    [Fact]
    public async Task a_feed_is_only_for_a_published_story()
    {
        var draft = (await newsroom.Create(Reader.Story("Secret plan", "Draft."))).Body;
        (await newsroom.Open($"/feeds/stories/{draft.Slug}/updates.atom")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await newsroom.Open("/feeds/stories/no-such-story/updates.atom")).Status.ShouldBe(HttpStatusCode.NotFound);
        var (slug, publish) = await newsroom.Publish(Reader.Story("Withdrawn story", "Text."));
        await newsroom.Unpublish(slug, publish);
        (await newsroom.Open($"/feeds/stories/{slug}/updates.atom")).Status.ShouldBe(HttpStatusCode.Gone);
    }

    [Fact]
    public async Task the_story_page_carries_its_news_article_with_every_public_correction()
    {
        // Text that would end a script element or open a comment if it were written into the page as it is.
        const string Hostile = "Talks </script><script>alert(1)</script> <!-- end";
        var (slug, _) = await newsroom.Publish(Reader.Story(Hostile, "Delegations met on Friday."));
        await newsroom.SaveNow(slug, Reader.Story(Hostile, "Delegations met on Thursday."));
        await newsroom.AddNote(slug, "correction", "An earlier version gave the day as Friday </script>.");
        await newsroom.AddNote(slug, "editorial", "DESK ONLY remark.");
        await newsroom.PublishNow(slug);
        var story = (await newsroom.Get(slug)).Body;

        var page = await newsroom.Open($"/stories/{slug}");

        var blocks = Regex.Matches(page.Html, "<script type=\"application/ld\\+json\">(.*?)</script>", RegexOptions.Singleline);
        var block = blocks.ShouldHaveSingleItem().Groups[1].Value;
        block.ShouldNotContain("<");
        using var json = JsonDocument.Parse(block);
        var article = json.RootElement;
        article.GetProperty("@context").GetString().ShouldBe("https://schema.org");
        article.GetProperty("@type").GetString().ShouldBe("NewsArticle");
        article.GetProperty("headline").GetString().ShouldBe(Hostile);
        article.GetProperty("url").GetString().ShouldBe($"http://localhost/stories/{slug}");
        DateTimeOffset.Parse(article.GetProperty("dateModified").GetString()!).ShouldBe(story.PublishedAt!.Value);
        DateTimeOffset.Parse(article.GetProperty("datePublished").GetString()!).ShouldBe(story.FirstPublishedAt!.Value);
        var correction = article.GetProperty("correction").EnumerateArray().ShouldHaveSingleItem();
        correction.GetProperty("@type").GetString().ShouldBe("CorrectionComment");
        correction.GetProperty("text").GetString().ShouldBe("Correction: An earlier version gave the day as Friday </script>.");
        page.Html.ShouldNotContain("DESK ONLY");
        // The same description as the JSON-LD endpoint gives.
        var endpoint = await newsroom.Open($"/api/stories/{slug}/jsonld");
        JsonDocument.Parse(endpoint.Html).RootElement.GetProperty("correction").GetArrayLength().ShouldBe(1);
        // A data block needs nothing from the Content-Security-Policy: scripts still come from this host only.
        page.Response.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("script-src 'self'");
    }

    [Fact]
    public async Task redacted_text_stays_out_of_the_article_description()
    {
        var (slug, _) = await newsroom.Publish(Reader.Story("Witness Jane Roe speaks", "The inquiry opened."));
        (await newsroom.Send<object>(HttpMethod.Post, $"/api/stories/{slug}/redactions", "Lee Legal",
            new { contentVersion = 1, field = "headline", reason = "Privacy" })).Status.ShouldBe(HttpStatusCode.Created);
        var page = await newsroom.Open($"/stories/{slug}");
        page.Html.ShouldNotContain("Jane Roe");
        var block = Regex.Match(page.Html, "<script type=\"application/ld\\+json\">(.*?)</script>").Groups[1].Value;
        JsonDocument.Parse(block).RootElement.GetProperty("headline").GetString().ShouldBe(RedactionRules.Marker);
    }
}
