using System.Text;

namespace Revisions.Watch.Tests;

public class when_extracting_articles
{
    private static readonly Uri Url = new("https://news.example/2025/budget");

    private static string Page(int render, string extra = "") => $"""
        <!DOCTYPE html><html><head><meta charset="utf-8"><title>Budget agreed | News</title>
        <meta name="description" content="A long night at the town hall"><meta name="author" content="Ann Reporter"></head>
        <body><nav class="site-nav"><a href="/">Home</a></nav><div class="ad-slot">Advertisement {render}</div>
        <article><h1>Council agrees budget</h1><time>Updated 09:{render:00}</time><div class="share-tools">{render} shares</div>
        <p>The council agreed its budget on Tuesday after a long debate about roads.</p>
        <h2>What it means</h2>
        <p>Spending on roads rises by 4%, the treasurer said, while reserves fall.</p>
        <p>Advertisement</p>{extra}
        </article><aside class="related"><a href="/x">Other story {render}</a></aside><footer>© News</footer></body></html>
        """;

    [Fact]
    public void the_article_is_read_and_the_furniture_left_out()
    {
        var page = PageExtractor.Extract(Url, Page(1))!;
        page.Content.Headline.ShouldBe("Council agrees budget");
        page.Content.Standfirst.ShouldBe("A long night at the town hall");
        page.Content.Byline.ShouldBe("Ann Reporter");
        page.Content.Body.Select(b => (b.Type.ToString(), b.Text)).ShouldBe([
            ("Paragraph", "The council agreed its budget on Tuesday after a long debate about roads."),
            ("Subheading", "What it means"),
            ("Paragraph", "Spending on roads rises by 4%, the treasurer said, while reserves fall.")]);
        page.CorrectionNotice.ShouldBeNull();
    }

    [Fact]
    public void a_re_render_with_a_new_timestamp_and_advert_reads_the_same() =>
        PageExtractor.Extract(Url, Page(2))!.Content.ShouldBe(PageExtractor.Extract(Url, Page(37))!.Content);

    [Fact]
    public void a_correction_notice_is_recognised() =>
        PageExtractor.Extract(Url, Page(1, "<p>Correction: an earlier version of this article misstated the rise.</p>"))!
            .CorrectionNotice.ShouldBe("Correction: an earlier version of this article misstated the rise.");

    [Fact]
    public void script_is_never_text_and_text_that_looks_like_markup_stays_text()
    {
        var page = PageExtractor.Extract(Url, Page(1,
            "<script>steal()</script><p>Say &lt;b&gt;hello&lt;/b&gt; <img src=x onerror=\"steal()\">to the council.</p>"))!;
        var text = string.Join("\n", page.Content.Body.Select(b => b.Text));
        text.ShouldNotContain("steal()");
        text.ShouldContain("Say <b>hello</b> to the council.");
    }

    [Fact]
    public void a_page_without_an_article_is_none() =>
        PageExtractor.Extract(Url, "<html><body><nav>Home</nav></body></html>").ShouldBeNull();

    [Fact]
    public void pages_are_decoded_by_their_charset()
    {
        var latin1 = Encoding.Latin1.GetBytes("<html><head><meta charset=\"iso-8859-1\"></head><body><p>Café</p></body></html>");
        PageText.Decode(latin1, null).ShouldContain("Café");
        PageText.Decode(Encoding.UTF8.GetBytes("<p>Café</p>"), "text/html; charset=utf-8").ShouldContain("Café");
    }
}
