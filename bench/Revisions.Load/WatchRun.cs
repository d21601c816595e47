using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Revisions.Watch;

namespace Revisions.Load;

/// <summary>
/// Watching: pages extracted per second (against AngleSharp parsing the same page alone), then 1,000 pages on a
/// five-minute interval, as shipped (a polite five seconds between requests to one host), served by a site in
/// this process on 20 loopback addresses (127.0.0.2–21, 50 pages each). Reports CPU (this process and
/// PostgreSQL) and memory over the run. Every page re-renders with a new timestamp and advert on each request,
/// and one in fifty changes a paragraph at each poll.
/// </summary>
public static class WatchRun
{
    private const int Pages = 1000;
    private const int Hosts = 20;

    public static async Task<Report> RunAsync(BenchHost host, TimeSpan duration)
    {
        var report = new Report("watch");
        Extraction(report);

        var renders = new int[Pages];
        await using var site = await StartSiteAsync(renders);
        using var client = host.CreateLoadClient(4);
        for (var i = 0; i < Pages; i++)
        {
            var url = $"http://127.0.0.{2 + i % Hosts}:{site.Port}/news/{i}";
            (await client.PostAsJsonAsync("/api/watch/sources", new { url, kind = "page", intervalMinutes = 5 })).EnsureSuccessStatusCode();
        }
        report.Line($"{Pages} page sources added on {Hosts} hosts; watching for {duration.TotalSeconds:F0} s");

        GC.Collect();
        var heapBefore = GC.GetTotalMemory(true);
        var cpuBefore = CpuTime.Now();
        var clock = Stopwatch.StartNew();
        long peakWorkingSet = 0;
        while (clock.Elapsed < duration)
        {
            await Task.Delay(TimeSpan.FromSeconds(10));
            peakWorkingSet = Math.Max(peakWorkingSet, Process.GetCurrentProcess().WorkingSet64);
            report.Line($"{clock.Elapsed.TotalSeconds,5:F0} s: {site.Requests,6} requests served, heap {GC.GetTotalMemory(false) / 1e6:F1} MB, working set {Environment.WorkingSet / 1e6:F0} MB");
        }
        var cpu = CpuTime.Now() - cpuBefore;
        var seconds = clock.Elapsed.TotalSeconds;
        GC.Collect();
        var heapAfter = GC.GetTotalMemory(true);
        var versions = await CountAsync(host, "select count(*) from revisions.mt_doc_storyversion");
        var raw = await CountAsync(host, "select coalesce(sum(pg_column_size(data)), 0) from revisions.mt_doc_rawcapture");
        report.Line($"{site.Requests} requests served in {seconds:F0} s; {versions} version rows; raw captures {raw / 1e6:F1} MB in the database");
        report.Line($"{cpu}; {100 * cpu.Api / seconds:F1}% of one core for the API process (site and harness included), {100 * cpu.Postgres / seconds:F1}% for PostgreSQL");
        report.Line($"memory: retained heap {heapBefore / 1e6:F1} MB before, {heapAfter / 1e6:F1} MB after; peak working set {peakWorkingSet / 1e6:F0} MB");
        report.Ratio("retained heap after / before watching", (double)heapAfter / heapBefore, 2, higherIsBetter: false);
        return report;
    }

    private static void Extraction(Report report)
    {
        var html = Article(7, render: 1, edition: 0);
        var url = new Uri("http://127.0.0.2/news/7");
        var parser = new HtmlParser();
        for (var i = 0; i < 50; i++) { PageExtractor.Extract(url, html); parser.ParseDocument(html); }
        double Rate(Action work)
        {
            var watch = Stopwatch.StartNew();
            var n = 0;
            while (watch.Elapsed < TimeSpan.FromSeconds(5)) { work(); n++; }
            return n / watch.Elapsed.TotalSeconds;
        }
        var extracted = Rate(() => PageExtractor.Extract(url, html));
        var parsed = Rate(() => parser.ParseDocument(html));
        report.Line($"a {html.Length / 1024} kB article page: {extracted:F0} pages extracted/s on one thread; AngleSharp parses it {parsed:F0} times/s");
        // No goal is set for it: the figure says what share of the work is Readability's reading beyond parsing.
        report.Line($"extraction / parse alone: {extracted / parsed:F3}");
    }

    private sealed class Site(WebApplication app, int port) : IAsyncDisposable
    {
        public int Port => port;
        public long Requests;
        public ValueTask DisposeAsync() => app.DisposeAsync();
    }

    private static async Task<Site> StartSiteAsync(int[] renders)
    {
        var port = FreePort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k =>
        {
            for (var h = 0; h < Hosts; h++) k.Listen(IPAddress.Parse($"127.0.0.{2 + h}"), port);
        });
        var app = builder.Build();
        Site? site = null;
        app.MapGet("/robots.txt", () => Results.Text("User-agent: *\nDisallow: /private/\n"));
        app.MapGet("/news/{n:int}", (int n) =>
        {
            Interlocked.Increment(ref site!.Requests);
            var render = Interlocked.Increment(ref renders[n % Pages]);
            // One page in fifty changes a paragraph at every poll; the rest only re-render.
            var edition = n % 50 == 0 ? render : 0;
            return Results.Text(Article(n, render, edition), "text/html; charset=utf-8");
        });
        await app.StartAsync();
        site = new Site(app, port);
        return site;
    }

    private static string Article(int n, int render, int edition)
    {
        var paragraphs = Enumerable.Range(0, 12).Select(p =>
            $"<p>Paragraph {p} of article {n}{(p == 3 ? $", edition {edition}" : "")}: the council met on Tuesday to agree a budget " +
            "for the coming year, with spending on roads, schools and libraries set to rise while the reserves fall " +
            "to their lowest level in a decade, the treasurer told members of the finance committee.</p>");
        var related = string.Concat(Enumerable.Range(0, 30).Select(r => $"<li><a href=\"/news/{r}\">Related story number {r}</a></li>"));
        return $"""
            <!DOCTYPE html><html><head><meta charset="utf-8"><title>Article {n} | Bench News</title>
            <meta name="description" content="Standfirst of article {n}"><meta name="author" content="Bench Reporter">
            <style>body {"{"} font-family: serif; {"}"}</style><script>window.dataLayer = [{render}];</script></head>
            <body><nav class="site-nav"><a href="/">Home</a><a href="/news">News</a></nav>
            <div class="ad-slot">Advertisement {render}</div>
            <main><article><h1>Council agrees budget, article {n}</h1>
            <time>Updated {render}</time><div class="share-tools">{render} shares</div>
            {string.Concat(paragraphs)}
            </article></main><aside class="related"><ul>{related}</ul></aside><footer>Bench News</footer></body></html>
            """;
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<long> CountAsync(BenchHost host, string sql)
    {
        await using var session = host.Store.QuerySession();
        await using var command = new Npgsql.NpgsqlCommand(sql);
        await using var reader = await session.ExecuteReaderAsync(command);
        await reader.ReadAsync();
        return Convert.ToInt64(reader.GetValue(0));
    }
}
