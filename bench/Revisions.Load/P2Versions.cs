using Marten;
using Revisions.Api.Stories;
using Revisions.Domain.Stories;

namespace Revisions.Load;

/// <summary>
/// P2: reading version N of a 1,000-revision story from its version row, against replaying the stream to
/// version N (what the row saves), and the API's latency for the same read.
/// </summary>
public static class P2Versions
{
    public const int Revisions = 1000;

    public static async Task<Report> RunAsync(BenchHost host, TimeSpan duration)
    {
        var report = new Report("P2 version N");
        var store = host.Store;
        var content = Corpus.NewStory(200, paragraphs: 12, wordsEach: 50);
        var id = await Corpus.SeedRevisionsAsync(store, $"p2-story-{Environment.ProcessId}", content, Revisions - 1, perTransaction: 100, seed: 2);
        report.Line($"seeded one story with {Revisions} versions (~600 words each)");

        var versions = new[] { 500, 1000 };
        await using var session = store.QuerySession();
        foreach (var n in versions)
        {
            // The naive path: every event up to version n, folded with its content.
            var replay = await Load.TimeAsync(20, async _ => (await session.Events.FetchStreamAsync(id, version: n))
                .Aggregate((Story?)null, (story, e) => Story.Evolve(story, e.Data, (int)e.Version, e.Timestamp)));
            // The row joined to the content event it points at, as GET …/versions/{n} reads them; the row alone for scale.
            var row = await Load.TimeAsync(200, _ => StoryVersion.LoadAsync(session, id, n, CancellationToken.None));
            var bare = await Load.TimeAsync(200, _ => session.LoadAsync<StoryVersion>(StoryVersion.Key(id, n)));
            report.Line($"version {n}: replay AggregateStreamAsync {replay:F2} ms, version row with its content {row:F3} ms (the row alone {bare:F3} ms)");
            report.Ratio($"replay ÷ row read, version {n}", replay / row, 20, higherIsBetter: true);
        }

        using var client = host.CreateLoadClient(1);
        var random = new Random(5);
        Task<bool> Get(int _, long i) => Ok(client, $"/api/stories/{id}/versions/{random.Next(1, Revisions + 1)}");
        await Load.RunAsync("warm-up", 1, TimeSpan.FromSeconds(2), 500, Get);
        var one = await Load.RunAsync("GET …/versions/{n}, 1 client", 1, duration, 20_000, Get);
        report.Line(one.ToString());
        report.Absolute("p99 GET /api/stories/{id}/versions/{n}, 1 client", one.Percentile(0.99), 5, "ms");
        using var eight = host.CreateLoadClient(8);
        var shared = new ThreadLocal<Random>(() => new Random(Environment.CurrentManagedThreadId));
        var many = await Load.RunAsync("GET …/versions/{n}, 8 clients", 8, duration, 200_000,
            (_, _) => Ok(eight, $"/api/stories/{id}/versions/{shared.Value!.Next(1, Revisions + 1)}"));
        report.Line(many.ToString());
        return report;
    }

    public static async Task<bool> Ok(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url, HttpCompletionOption.ResponseContentRead);
        return response.IsSuccessStatusCode;
    }
}
