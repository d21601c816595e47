namespace Revisions.Load;

/// <summary>
/// The desk's pages for a story with 1,000 versions: its history (timeline of all 1,000, the newest page of 50
/// versions with sizes) and a comparison of two versions, rendered on the server, as one person reading them.
/// </summary>
public static class DeskPages
{
    public const int Revisions = 1000;

    public static async Task<Report> RunAsync(BenchHost host, TimeSpan duration)
    {
        var report = new Report("desk pages");
        var content = Corpus.NewStory(300, paragraphs: 12, wordsEach: 50);
        var id = await Corpus.SeedRevisionsAsync(host.Store, $"desk-story-{Environment.ProcessId}", content, Revisions - 1, perTransaction: 100, seed: 3);
        report.Line($"seeded one story with {Revisions} versions (~600 words each)");

        using var client = await host.CreateDeskClientAsync(1);
        var random = new Random(7);
        string History() => $"/desk/stories/{id}?page={random.Next(1, Revisions / 50 + 1)}";
        string Compare()
        {
            var to = random.Next(2, Revisions + 1);
            return $"/desk/stories/{id}/compare?from={to - 1}&to={to}&view=side-by-side";
        }
        (await client.GetAsync($"/desk/stories/{id}")).EnsureSuccessStatusCode();
        await Load.RunAsync("warm-up", 1, TimeSpan.FromSeconds(2), 200, (_, _) => P2Versions.Ok(client, History()));
        var history = await Load.RunAsync("GET /desk/stories/{id}?page=n, 1 person", 1, duration, 5_000, (_, _) => P2Versions.Ok(client, History()));
        report.Line(history.ToString());
        report.Absolute("p99 desk history page, 1,000 versions", history.Percentile(0.99), 50, "ms");
        var compare = await Load.RunAsync("GET /desk/stories/{id}/compare, 1 person", 1, duration, 5_000, (_, _) => P2Versions.Ok(client, Compare()));
        report.Line(compare.ToString());
        report.Absolute("p99 desk comparison, side by side", compare.Percentile(0.99), 50, "ms");
        return report;
    }
}
