namespace Revisions.Load;

/// <summary>
/// P5: requests per second for a published story, as a reader page and as JSON, against a trivial
/// plain-text endpoint in the same process, with the same 8-connection load.
/// </summary>
public static class P5Reads
{
    public const int Connections = 8;

    public static async Task<Report> RunAsync(BenchHost host, TimeSpan duration)
    {
        var report = new Report("P5 published story GET");
        using var client = host.CreateLoadClient(Connections);
        // Readers are not signed in: the reader page and the ping are asked for without a token.
        using var reader = host.CreateLoadClient(Connections, signedIn: false);
        var content = Corpus.NewStory(500, paragraphs: 12, wordsEach: 50);
        var slug = $"p5-story-{Environment.ProcessId}";
        var id = await Corpus.CreateAsync(client, content, slug);
        using (var publish = new HttpRequestMessage(HttpMethod.Post, $"/api/stories/{id}/publish"))
        {
            publish.Content = System.Net.Http.Json.JsonContent.Create(new { expectedVersion = 1 });
            (await client.SendAsync(publish)).EnsureSuccessStatusCode();
        }

        async Task<LoadResult> Phase(string name, string url, HttpClient client)
        {
            Task<bool> Get(int _, long __) => P2Versions.Ok(client, url);
            await Load.RunAsync("warm-up", Connections, TimeSpan.FromSeconds(2), 100_000, Get);
            var result = await Load.RunAsync(name, Connections, duration, 5_000_000, Get);
            report.Line(result.ToString());
            return result;
        }

        var ping = await Phase("GET /bench/ping (anchor)", "/bench/ping", reader);
        var page = await Phase("GET /stories/{slug} (reader page)", $"/stories/{slug}", reader);
        var json = await Phase("GET /api/stories/{id} (JSON, signed in)", $"/api/stories/{id}", client);
        var pingAgain = await Phase("GET /bench/ping (anchor, again)", "/bench/ping", reader);
        var anchor = (ping.PerSecond + pingAgain.PerSecond) / 2;
        report.Ratio("reader page req/s ÷ ping req/s", page.PerSecond / anchor, 0.5, higherIsBetter: true);
        report.Ratio("JSON story req/s ÷ ping req/s", json.PerSecond / anchor, 0.5, higherIsBetter: true);
        return report;
    }
}
