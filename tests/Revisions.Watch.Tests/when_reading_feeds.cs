using System.Text;

namespace Revisions.Watch.Tests;

public class when_reading_feeds
{
    private static readonly Uri FeedUrl = new("https://news.example/feeds/main.xml");

    private static IReadOnlyList<FeedEntry> Read(string text) => FeedReader.Read(FeedUrl, Encoding.UTF8.GetBytes(text));

    [Fact]
    public void rss_links_are_resolved_and_a_bad_date_does_not_matter()
    {
        var entries = Read("""
            <?xml version="1.0"?><rss version="2.0"><channel>
            <item><title>One</title><link>/2025/one</link><pubDate>not a date</pubDate></item>
            <item><guid>https://news.example/2025/two</guid></item>
            <item><guid isPermaLink="false">tag:news.example,2025:3</guid></item>
            <item><link>https://news.example/2025/one#comments</link></item>
            <item><link>javascript:alert(1)</link></item>
            </channel></rss>
            """);
        entries.Select(e => e.Url.ToString()).ShouldBe(["https://news.example/2025/one", "https://news.example/2025/two"]);
        entries[0].Title.ShouldBe("One");
    }

    [Fact]
    public void atom_rdf_and_json_feed_are_read()
    {
        Read("""
            <feed xmlns="http://www.w3.org/2005/Atom"><entry><title>A</title><link rel="self" href="/self"/><link href="/a"/></entry></feed>
            """).Single().Url.ShouldBe(new Uri("https://news.example/a"));
        Read("""
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
            <item><title>R</title><link>https://news.example/r</link></item></rdf:RDF>
            """).Single().Url.ShouldBe(new Uri("https://news.example/r"));
        Read("""{"version":"https://jsonfeed.org/version/1.1","items":[{"url":"/j","title":"J"},{"external_url":"https://other.example/x"},{"id":"no-link"}]}""")
            .Select(e => e.Url.ToString()).ShouldBe(["https://news.example/j", "https://other.example/x"]);
    }

    [Theory]
    [InlineData("<rss><channel><item><link>/a</link></item>")]
    [InlineData("<html><body>Not a feed</body></html>")]
    [InlineData("{\"items\":[]}")]
    [InlineData("{not json")]
    public void what_is_not_a_feed_is_refused_with_a_reason(string text) =>
        Should.Throw<FeedException>(() => Read(text)).Message.ShouldNotBeNullOrWhiteSpace();

    [Fact]
    public void external_entities_are_never_resolved()
    {
        // The DTD is ignored, so the entity is undeclared: the feed is refused, and no file is ever read.
        var refused = Should.Throw<FeedException>(() => Read("""
            <?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
            <rss version="2.0"><channel><item><title>&xxe;</title><link>/safe</link></item></channel></rss>
            """));
        refused.Message.ShouldContain("xxe");
        refused.Message.ShouldNotContain("root:");
    }
}
