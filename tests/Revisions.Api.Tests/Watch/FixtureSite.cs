using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Revisions.Api.Tests.Watch;

/// <summary>One request the site saw: what, when (by the test's clock), and the validators and agent it came with.</summary>
public sealed record SeenRequest(string Path, DateTimeOffset At, string? IfNoneMatch, string? IfModifiedSince, string UserAgent);

/// <summary>
/// A news site served by Kestrel on a loopback port inside the test process: a feed, articles that change when
/// the test moves <see cref="Stage"/> on, and pages that misbehave (missing, slow, oversized, looping, hostile).
/// It keeps every request it sees, stamped with the test's clock.
/// </summary>
public sealed class FixtureSite : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Func<DateTimeOffset> _now;
    public ConcurrentQueue<SeenRequest> Requests { get; } = new();

    /// <summary>Which edition of the articles is served: 1 at first, 2 after the edits.</summary>
    public int Stage { get; set; } = 1;

    /// <summary>Increases with every render, as a page's "updated" time and its advert do.</summary>
    private int _renders;

    public Uri Address { get; private set; } = null!;

    public static readonly string[] Articles = ["typo", "rewrite", "headline", "rerender", "script"];

    private FixtureSite(WebApplication app, Func<DateTimeOffset> now) => (_app, _now) = (app, now);

    public Uri Url(string path) => new(Address, path);

    public IReadOnlyList<SeenRequest> To(string path) => Requests.Where(r => r.Path == path).ToList();

    public static async Task<FixtureSite> StartAsync(Func<DateTimeOffset> now)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var site = new FixtureSite(app, now);
        app.Use(async (context, next) =>
        {
            site.Requests.Enqueue(new SeenRequest(context.Request.Path, now(), context.Request.Headers.IfNoneMatch.FirstOrDefault(),
                context.Request.Headers.IfModifiedSince.FirstOrDefault(), context.Request.Headers.UserAgent.ToString()));
            await next(context);
        });
        app.MapGet("/robots.txt", () => Results.Text("User-agent: *\nDisallow: /private/\n\nUser-agent: OtherBot\nDisallow: /\n"));
        app.MapGet("/feed.xml", () => Results.Text(site.Feed(), "application/rss+xml"));
        app.MapGet("/broken-feed.xml", () => Results.Text("<rss><channel><item><link>/articles/typo</link></item>", "application/rss+xml"));
        app.MapGet("/articles/typo", (HttpContext c) => site.Serve(c, site.Article("typo"), etag: true));
        app.MapGet("/articles/rewrite", (HttpContext c) => site.Serve(c, site.Article("rewrite"), lastModified: true));
        app.MapGet("/articles/headline", (HttpContext c) => site.Serve(c, site.Article("headline"), etag: true));
        app.MapGet("/articles/rerender", (HttpContext c) => site.Serve(c, site.Article("rerender")));
        app.MapGet("/articles/script", (HttpContext c) => site.Serve(c, site.Article("script"), etag: true));
        app.MapGet("/articles/missing", () => Results.NotFound());
        app.MapGet("/articles/slow", async (HttpContext c) =>
        {
            // Never answers: the watcher's timeout must end the wait.
            try { await Task.Delay(Timeout.Infinite, c.RequestAborted); }
            catch (OperationCanceledException) { }
            return Results.Empty;
        });
        app.MapGet("/articles/huge", () => Results.Text(Page("A very long page", [new string('x', 2 * 1024 * 1024)]), "text/html"));
        app.MapGet("/articles/loop", () => Results.Redirect("/articles/loop-again"));
        app.MapGet("/articles/loop-again", () => Results.Redirect("/articles/loop"));
        app.MapGet("/private/memo", (HttpContext c) => site.Serve(c, Page("Private memo", ["Not for robots."])));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        site.Address = new Uri(address.Replace("[::]", "127.0.0.1"));
        return site;
    }

    private string Feed()
    {
        var links = new[] { "typo", "rewrite", "headline", "rerender", "script", "missing", "slow", "huge", "loop" }
            .Select(a => $"/articles/{a}").Append("/private/memo");
        // Relative links and a malformed date: a sloppy but readable feed.
        var items = string.Concat(links.Select(l => $"<item><title>{l}</title><link>{l}</link><pubDate>yesterday-ish</pubDate></item>"));
        return $"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Fixture News</title>{items}</channel></rss>";
    }

    public string Article(string name)
    {
        var render = Interlocked.Increment(ref _renders);
        var two = Stage >= 2;
        return name switch
        {
            "typo" => Page("Council approves new budget",
                [two ? "The council approved the budget on Tuesday." : "The council aproved the budget on Tuesday.",
                 "Spending on roads rises by 4%."], standfirst: "A long night at the town hall", byline: "By Ann Reporter"),
            "rewrite" => Page("Minister faces questions over contract",
                [two ? "The minister said she had never met the contractor, a claim later disputed." : "The minister said she met the contractor twice.",
                 "Opposition parties called for an inquiry."], byline: "By Ben Writer"),
            "headline" => Page(two ? "Storm closes the coast road" : "Storm closes coastal road for a week",
                two ? ["The coast road is closed.", "Correction: an earlier version of this article said the road would be closed for a week."]
                    : ["The coast road is closed."]),
            "rerender" => Page("Library reopens after repairs",
                ["The library reopened on Monday.", "Repairs took six months."], render: render),
            "script" => Page("Festival <b>programme</b> announced",
                ["Tickets go on sale <img src=x onerror=\"alert('pwned')\">on Friday.",
                 "&lt;script&gt;alert('text')&lt;/script&gt; is how the poster looked."],
                extra: "<script>document.write('INJECTED-BY-SCRIPT')</script><iframe src=\"javascript:alert(1)\"></iframe>"),
            _ => Page("Unknown", ["Nothing here."])
        };
    }

    /// <summary>A page with the furniture real news pages have: navigation, a timestamp, share counts, an advert, related links.</summary>
    public static string Page(string headline, IEnumerable<string> paragraphs, string? standfirst = null, string? byline = null, int render = 0,
        string extra = "")
    {
        var body = string.Concat(paragraphs.Select(p => $"<p>{p}</p>"));
        return $"""
            <!DOCTYPE html>
            <html><head><meta charset="utf-8"><title>{headline} | Fixture News</title></head>
            <body>
            <nav class="site-nav"><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
            <div class="ad-slot">Advertisement: buy product number {render} today!</div>
            <main><article>
            <h1>{headline}</h1>
            {(standfirst is null ? "" : $"<p class=\"standfirst\">{standfirst}</p>")}
            {(byline is null ? "" : $"<p class=\"byline\">{byline}</p>")}
            <time datetime="2025-05-16T09:{render % 60:00}:00Z">Updated 09:{render % 60:00}</time>
            <div class="share-tools"><span>{1000 + render * 7} shares</span></div>
            {body}
            {extra}
            </article></main>
            <aside class="related"><h2>Related</h2><ul><li><a href="/other">Something else entirely {render}</a></li></ul></aside>
            <footer>© Fixture News. All rights reserved.</footer>
            </body></html>
            """;
    }

    private IResult Serve(HttpContext context, string html, bool etag = false, bool lastModified = false)
    {
        var bytes = Encoding.UTF8.GetBytes(html);
        if (etag)
        {
            var tag = "\"" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Strip(html))))[..16] + "\"";
            context.Response.Headers.ETag = tag;
            if (context.Request.Headers.IfNoneMatch == tag) return Results.StatusCode(304);
        }
        if (lastModified)
        {
            var modified = new DateTimeOffset(2025, 5, Stage, 9, 0, 0, TimeSpan.Zero).ToString("R");
            context.Response.Headers.LastModified = modified;
            if (context.Request.Headers.IfModifiedSince == modified) return Results.StatusCode(304);
        }
        return Results.Bytes(bytes, "text/html; charset=utf-8");
    }

    // The validator names the article, not the furniture that changes with every render.
    private static string Strip(string html) => System.Text.RegularExpressions.Regex.Replace(html, @"\d+", "");

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
