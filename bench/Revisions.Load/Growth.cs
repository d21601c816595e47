using System.Net.Http.Json;
using System.Text.Json;

namespace Revisions.Load;

/// <summary>
/// How a save's cost grows with the story: with the size of its body (1, 5, 20 and 100 KB; 8 editors on stories
/// of that size, each size against the floor with the same body), and with the number of versions the story already
/// has (10, 1,000 and 10,000; one editor saving one story after the other, so the figure is one save's own cost),
/// and with the number of stories the saves are spread over (8 or 800), which decides how often the search
/// indexer rewrites a story's row.
/// Saves carry an Idempotency-Key, as the target is stated with them. The server runs apart from this driver.
/// </summary>
public static class Growth
{
    public static async Task<Report> RunAsync(BenchDatabase db, TimeSpan duration)
    {
        var report = new Report("Growth of a save");
        await using var server = await ServerProcess.StartAsync(db.ConnectionString);
        // A warm server: every path JIT-compiled to its last tier before anything is measured.
        var warm = await SaveKind.ApiAsync(server, "warm-up", key: true);
        var warmFloor = await SaveKind.FloorAsync(server, "warm-up floor", "floor");
        for (var i = 0; i < 6; i++)
        {
            await warm.RunAsync(TimeSpan.FromSeconds(2));
            await warmFloor.RunAsync(TimeSpan.FromSeconds(2));
        }

        // One 50-word paragraph is ~350 bytes of JSON in the body.
        report.Line("body size (8 editors, Idempotency-Key; floor = same body as one jsonb row):");
        foreach (var kb in new[] { 1, 5, 20, 100 })
        {
            var paragraphs = Math.Max(1, kb * 1024 / 350);
            var floor = await SaveKind.FloorAsync(server, $"floor, {kb} KB body", "floor", paragraphs);
            var api = await SaveKind.ApiAsync(server, $"PUT, {kb} KB body", key: true, paragraphs);
            await floor.RunAsync(TimeSpan.FromSeconds(2));
            await api.RunAsync(TimeSpan.FromSeconds(2));
            var f = await floor.MeasureAsync(db, duration);
            var a = await api.MeasureAsync(db, duration);
            report.Line($"  {f}");
            report.Line($"  {a}");
            report.Line($"  {kb} KB: {a.PerSecond / f.PerSecond:F3} of the floor (load average {P1Saves.LoadAverage()})");
        }

        // The search index is written after the save, once per story however many saves came in between: a story
        // saved many times a second is indexed about once a second, one saved rarely about once per save.
        report.Line("stories the saves are spread over (8 editors, Idempotency-Key; a 4.7 KB body; the search indexer's work included):");
        foreach (var each in new[] { 1, 100 })
        {
            var spread = await SaveKind.ApiAsync(server, $"PUT, {8 * each:N0} stories in turn", key: true, storiesEach: each);
            await spread.RunAsync(TimeSpan.FromSeconds(2));
            var s = await spread.MeasureAsync(db, duration);
            report.Line($"  {s}  (load average {P1Saves.LoadAverage()})");
        }

        report.Line("versions already in the story (1 editor, one save after the other, Idempotency-Key; a 4.7 KB body):");
        using var client = server.CreateLoadClient(1);
        foreach (var versions in new[] { 10, 1_000, 10_000 })
        {
            var started = DateTime.UtcNow;
            using var seeded = await client.PostAsync($"/bench/seed?seed={versions}&paragraphs=12&versions={versions}", null);
            seeded.EnsureSuccessStatusCode();
            var id = (await seeded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            var api = await SaveKind.ApiOnAsync(server, $"PUT, story of {versions:N0} versions", key: true, [id]);
            await api.RunAsync(TimeSpan.FromSeconds(1));
            var a = await api.MeasureAsync(db, duration);
            report.Line($"  {a}  (seeded in {(DateTime.UtcNow - started).TotalSeconds:F0} s; load average {P1Saves.LoadAverage()})");
        }
        return report;
    }
}
