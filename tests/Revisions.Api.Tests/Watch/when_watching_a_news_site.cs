using System.Net;
using System.Text.Json;
using Revisions.Api.Corrections;
using Revisions.Api.Stories;
using Revisions.Api.Tests.Infrastructure;
using Revisions.Api.Watch;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Revisions.Api.Tests.Watch;

/// <summary>
/// A newsroom watches a news site's feed. Between two polls the site fixes a typo, quietly rewrites a paragraph,
/// changes a headline with a correction, and re-renders a page with a new timestamp and advert; some of its pages
/// are missing, slow, too large, loop, are forbidden by robots.txt or carry script. The watcher keeps one version
/// per real change, flags the stealth edit, asks politely and conditionally, and keeps going past every bad page.
/// </summary>
public class when_watching_a_news_site(WatchedApi api, ITestOutputHelper output) : IClassFixture<WatchedApi>
{
    [Fact]
    public async Task it_keeps_a_version_per_real_change_flags_the_stealth_edit_and_asks_politely()
    {
        var site = api.Site;
        var newsroom = api.Newsroom;
        var feed = await AddSource(newsroom, site.Url("/feed.xml"), "feed");
        var broken = await AddSource(newsroom, site.Url("/broken-feed.xml"), "feed");

        await api.PollUntilIdleAsync();
        site.Stage = 2;
        api.Clock.Advance(WatchedApi.Interval);
        await api.PollUntilIdleAsync();
        api.Clock.Advance(WatchedApi.Interval);
        await api.PollUntilIdleAsync();
        foreach (var r in site.Requests) output.WriteLine($"{r.At:HH:mm:ss} {r.Path} INM={r.IfNoneMatch} IMS={r.IfModifiedSince}");

        var detail = (await newsroom.Get<SourceDetail>($"/api/watch/sources/{feed.Id}")).Body;
        foreach (var p in detail.Pages) output.WriteLine($"{p.Url} story={p.StoryId} error={p.LastError}");
        var pages = detail.Pages.ToDictionary(p => new Uri(p.Url).AbsolutePath);

        // One version per real change; none for the re-render, which is only seen again.
        (await ContentKinds(newsroom, pages["/articles/typo"])).ShouldBe(["created", "imported", "seen"]);
        (await ContentKinds(newsroom, pages["/articles/rewrite"])).ShouldBe(["created", "imported", "flagged", "seen"]);
        (await ContentKinds(newsroom, pages["/articles/headline"])).ShouldBe(["created", "imported", "noted", "seen"]);
        (await ContentKinds(newsroom, pages["/articles/rerender"])).ShouldBe(["created", "seen", "seen"]);
        (await ContentKinds(newsroom, pages["/articles/script"])).ShouldBe(["created", "seen", "seen"]);

        var typo = (await newsroom.Get(pages["/articles/typo"].StoryId!.Value.ToString())).Body;
        typo.Headline.ShouldBe("Council approves new budget");
        typo.Standfirst.ShouldBe("A long night at the town hall");
        typo.Byline.ShouldBe("By Ann Reporter");
        typo.Body.Select(b => b.Text).ShouldBe(["The council approved the budget on Tuesday.", "Spending on roads rises by 4%."]);
        var versions = (await newsroom.Versions(typo.Id.ToString())).Body;
        versions[1].Changes!.ShouldContain("typo");
        versions[1].CapturedAt.ShouldNotBeNull();
        versions[1].Note.ShouldBe($"Captured from {site.Url("/articles/typo")}");

        // The quiet rewrite is flagged; the typo fix and the corrected headline are not. The flag list is written
        // with the captures, so it is read straight away.
        var flags = (await newsroom.Get<List<JsonElement>>("/api/flags")).Body
            .Select(f => f.GetProperty("flag").GetProperty("storyId").GetString()).ToList();
        flags.ShouldBe([pages["/articles/rewrite"].StoryId!.Value.ToString()]);

        // Script is never text; text that looks like markup stays text.
        var script = (await newsroom.Get(pages["/articles/script"].StoryId!.Value.ToString())).Body;
        var text = string.Join("\n", script.Body.Select(b => b.Text)) + script.Headline;
        text.ShouldNotContain("INJECTED-BY-SCRIPT");
        text.ShouldNotContain("pwned");
        text.ShouldContain("<script>alert('text')</script> is how the poster looked.");
        script.Headline.ShouldBe("Festival programme announced");

        // Bad pages show their error and never stopped the others.
        pages["/articles/missing"].LastError.ShouldStartWith("HTTP 404");
        pages["/articles/slow"].LastError!.ShouldContain("within 1 s");
        pages["/articles/huge"].LastError!.ShouldContain("over the limit");
        pages["/articles/loop"].LastError!.ShouldStartWith("Redirect loop");
        pages["/private/memo"].LastError!.ShouldStartWith("robots.txt");
        foreach (var bad in new[] { "/articles/missing", "/articles/slow", "/articles/huge", "/articles/loop", "/private/memo" })
            pages[bad].StoryId.ShouldBeNull();
        var listed = (await newsroom.Get<List<SourceView>>("/api/watch/sources")).Body;
        listed.Single(s => s.Id == broken.Id).LastError!.ShouldContain("not well-formed XML");
        listed.Single(s => s.Id == feed.Id).Articles.ShouldBe(5);
        listed.Single(s => s.Id == feed.Id).LastError.ShouldBeNull();

        // Politeness: robots.txt once, the forbidden page never, one request at a time at least the spacing apart.
        site.To("/robots.txt").Count.ShouldBe(1);
        site.To("/private/memo").ShouldBeEmpty();
        // A redirect is followed at once (at most five hops); every other request waits its turn.
        var times = site.Requests.Where(r => r.Path != "/articles/loop-again").Select(r => r.At).ToList();
        times.Zip(times.Skip(1), (a, b) => b - a).ShouldAllBe(gap => gap >= WatchedApi.Spacing);
        site.Requests.ShouldAllBe(r => r.UserAgent.StartsWith("Revisions/1.0 (+https://newsroom.example/about-revisions"));
        // Each article once per poll; a failing page waits longer after each error in a row (5, then 10 minutes).
        site.To("/articles/typo").Count.ShouldBe(3);
        site.To("/feed.xml").Count.ShouldBe(3);
        site.To("/articles/missing").Count.ShouldBe(2);
        site.To("/articles/slow").Count.ShouldBe(2);

        // Conditional requests: the validators served last time go back.
        var typoAsks = site.To("/articles/typo");
        typoAsks[0].IfNoneMatch.ShouldBeNull();
        typoAsks[1].IfNoneMatch.ShouldNotBeNull();
        typoAsks[2].IfNoneMatch.ShouldNotBe(typoAsks[1].IfNoneMatch);
        var rewriteAsks = site.To("/articles/rewrite");
        rewriteAsks[1].IfModifiedSince.ShouldBe(new DateTimeOffset(2025, 5, 1, 9, 0, 0, TimeSpan.Zero).ToString("R"));
    }

    [Fact]
    public async Task a_bundle_of_a_watched_page_verifies_and_carries_the_pages_as_served()
    {
        var site = api.Site;
        var newsroom = api.Newsroom;
        var source = await AddSource(newsroom, site.Url("/articles/rerender?bundle=1"), "page");
        await api.PollUntilIdleAsync();
        api.Clock.Advance(WatchedApi.Interval);
        await api.PollUntilIdleAsync();
        var storyId = (await newsroom.Get<SourceDetail>($"/api/watch/sources/{source.Id}")).Body.Pages.Single().StoryId!.Value;

        var legal = Newsroom.As(api.Host.Server.CreateClient(), Api.Http.Roles.Legal);
        var response = await legal.Client.GetAsync($"/api/stories/{storyId}/evidence");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var zip = await response.Content.ReadAsByteArrayAsync();
        var report = Revisions.Evidence.BundleVerifier.Verify(new MemoryStream(zip));
        report.Checks.Where(c => !c.Passed).ShouldBeEmpty();
        report.Status.ShouldBe(Revisions.Evidence.BundleStatus.Verified);

        var files = EvidenceBundles.Unzip(zip);
        var captures = files.Keys.Where(f => f.StartsWith("captures/")).ToList();
        captures.Count.ShouldBe(2, "the first capture and the sighting five minutes later");
        var served = Revisions.Watch.HttpCapture.FromWarc(Revisions.Watch.HttpCapture.Gunzip(files[captures[0]]));
        served.Url.ShouldBe(site.Url("/articles/rerender?bundle=1"));
        served.Status.ShouldBe(200);
        System.Text.Encoding.UTF8.GetString(served.Body).ShouldContain("Advertisement: buy product number");
        served.Headers.ShouldContain(h => h.Key == "Content-Type");

        // A changed byte in a capture, even with the manifest redone, fails verification.
        var tampered = new SortedDictionary<string, byte[]>(files);
        var body = Revisions.Watch.HttpCapture.Gunzip(tampered[captures[1]]);
        body[^10] ^= 1;
        tampered[captures[1]] = Revisions.Watch.HttpCapture.Gzip(body);
        EvidenceBundles.Check(tampered).ShouldBe(Revisions.Evidence.BundleStatus.Failed);
    }

    [Fact]
    public async Task an_erasure_reaches_the_raw_captures_and_the_bundle_still_verifies()
    {
        var site = api.Site;
        var newsroom = api.Newsroom;
        var source = await AddSource(newsroom, site.Url("/articles/script?erasure=1"), "page");
        await api.PollUntilIdleAsync();
        var storyId = (await newsroom.Get<SourceDetail>($"/api/watch/sources/{source.Id}")).Body.Pages.Single().StoryId!.Value;
        var legal = Newsroom.As(api.Host.Server.CreateClient(), Api.Http.Roles.Legal);

        // Written as is in the page: masked where it stands.
        (await legal.Send<JsonElement>(HttpMethod.Post, $"/api/stories/{storyId}/erasures", "Lee Legal",
            new { text = "Tickets go on sale", reason = "GDPR art. 17 request" })).Status.ShouldBe(HttpStatusCode.OK);
        var masked = await RawResponses(storyId);
        masked.ShouldAllBe(r => !System.Text.Encoding.UTF8.GetString(r.Body).Contains("Tickets go on sale"));
        masked.ShouldAllBe(r => System.Text.Encoding.UTF8.GetString(r.Body).Contains("on Friday."));
        masked.ShouldAllBe(r => r.Erasures.Count == 1);

        // Split by markup in the page (<b>): the body cannot be masked in place, so it is withdrawn.
        (await legal.Send<JsonElement>(HttpMethod.Post, $"/api/stories/{storyId}/erasures", "Lee Legal",
            new { text = "Festival programme announced", reason = "Court order" })).Status.ShouldBe(HttpStatusCode.OK);
        var withdrawn = await RawResponses(storyId);
        withdrawn.ShouldAllBe(r => System.Text.Encoding.UTF8.GetString(r.Body) == "[erased]");
        withdrawn.ShouldAllBe(r => r.Erasures.Count == 2 && r.Status == 200 && r.Url == site.Url("/articles/script?erasure=1"));

        var bundle = await legal.Client.GetAsync($"/api/stories/{storyId}/evidence");
        bundle.StatusCode.ShouldBe(HttpStatusCode.OK, await bundle.Content.ReadAsStringAsync());
        var zip = await bundle.Content.ReadAsByteArrayAsync();
        Revisions.Evidence.BundleVerifier.Verify(new MemoryStream(zip)).Checks.Where(c => !c.Passed).ShouldBeEmpty();
        EvidenceBundles.Unzip(zip).Values.ShouldAllBe(bytes => !System.Text.Encoding.UTF8.GetString(bytes).Contains("Tickets go on sale"));
    }

    private async Task<List<Revisions.Watch.HttpCapture>> RawResponses(Guid storyId)
    {
        await using var session = api.Host.Services.GetRequiredService<Marten.IDocumentStore>().QuerySession();
        var captures = await Marten.QueryableExtensions.ToListAsync(session.Query<RawCapture>().Where(c => c.StoryId == storyId));
        captures.ShouldNotBeEmpty();
        return captures.Select(c => Revisions.Watch.HttpCapture.FromWarc(Revisions.Watch.HttpCapture.Gunzip(c.Record))).ToList();
    }

    private static async Task<SourceView> AddSource(Newsroom newsroom, Uri url, string kind)
    {
        var added = await newsroom.Send<SourceView>(HttpMethod.Post, "/api/watch/sources", "Ann Editor", new { url = url.ToString(), kind });
        added.Status.ShouldBe(HttpStatusCode.Created);
        return added.Body;
    }

    private static async Task<List<string>> ContentKinds(Newsroom newsroom, PageView page)
    {
        page.StoryId.ShouldNotBeNull($"{page.Url} has no story: {page.LastError}");
        return (await newsroom.Versions(page.StoryId.Value.ToString())).Body.Select(v => v.Kind).ToList();
    }
}
