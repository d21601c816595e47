using System.Diagnostics;
using Marten;
using Revisions.Api.Stories;
using Revisions.Diff.Classification;
using Revisions.Domain.Stories;

namespace Revisions.Load;

/// <summary>
/// P1: durable saves per second with 8 editors on 8 different stories, against pgbench's one-row insert
/// TPS on the same server (the fsync ceiling), and where a save's time goes.
/// </summary>
public static class P1Saves
{
    public const int Editors = 8;

    public static async Task<Report> RunAsync(BenchDatabase db, BenchHost host, TimeSpan duration)
    {
        var report = new Report("P1 durable saves");
        var anchorBefore = await db.PgbenchInsertAsync(Editors, (int)duration.TotalSeconds);
        report.Line($"pgbench 1-row insert, 8 clients (before): {anchorBefore.Tps:F0} tps, {anchorBefore.LatencyMs:F2} ms");

        using var client = host.CreateLoadClient(Editors);
        var stories = new (Guid Id, StoryContent Content, int Version, Random Random)[Editors];
        for (var i = 0; i < Editors; i++)
        {
            var content = Corpus.NewStory(100 + i, paragraphs: 12, wordsEach: 50);
            stories[i] = (await Corpus.CreateAsync(client, content, $"p1-story-{i}-{Guid.NewGuid():N}"[..30]), content, 1, new Random(i));
        }

        async Task<bool> Save(int worker, long _)
        {
            if (await Corpus.SaveAsync(client, stories[worker]) is not { } saved) return false;
            stories[worker] = saved;
            return true;
        }

        await Load.RunAsync("warm-up", Editors, TimeSpan.FromSeconds(3), long.MaxValue, Save);
        var saves = await Load.RunAsync("PUT /api/stories/{id}, 8 editors", Editors, duration, long.MaxValue, Save);
        report.Line(saves.ToString());
        var anchorAfter = await db.PgbenchInsertAsync(Editors, (int)duration.TotalSeconds);
        report.Line($"pgbench 1-row insert, 8 clients (after):  {anchorAfter.Tps:F0} tps, {anchorAfter.LatencyMs:F2} ms");
        var anchor = (anchorBefore.Tps + anchorAfter.Tps) / 2;
        report.Ratio("saves/s ÷ pgbench insert tps", saves.PerSecond / anchor, 0.50, higherIsBetter: true);

        await BreakdownAsync(db, host, client, report, stories[0].Id);
        return report;
    }

    /// <summary>One editor, one save at a time: the time of each step of a save, and its round trips.</summary>
    private static async Task BreakdownAsync(BenchDatabase db, BenchHost host, HttpClient client, Report report, Guid id)
    {
        var runs = RoundTrips.Print ? 2 : 200;
        var store = host.Store;
        var random = new Random(99);
        Story current;
        await using (var query = store.QuerySession()) current = (await query.LoadAsync<Story>(id))!;

        using var trips = new RoundTrips();
        var httpTrips = trips.Count;
        var http = await Load.TimeAsync(runs, async _ =>
        {
            var next = Corpus.Edit(current.Content, random);
            using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/stories/{id}") { Content = Corpus.Body(next) };
            request.Headers.TryAddWithoutValidation("If-Match", $"\"{current.Version}\"");
            using var response = await client.SendAsync(request);
            response.EnsureSuccessStatusCode();
            current = current with { Version = int.Parse(response.Headers.ETag!.Tag.Trim('"')), Content = next };
        }, warmup: 0);
        httpTrips = (trips.Count - httpTrips) / runs;

        // The same steps StoryChange takes for a Guid route id, timed one by one: no separate lookup
        // (FetchForWriting reads the Story with the stream version; the expected version comes with the request,
        // as If-Match), and the answer is the state folded from the stored events rather than read back.
        double fetch = 0, decide = 0, save = 0, fold = 0, classify = 0;
        long saveTrips = 0;
        int version;
        await using (var first = store.QuerySession()) version = (await first.LoadAsync<Story>(id))!.Version;
        for (var i = 0; i < runs; i++)
        {
            await using var session = store.LightweightSession();
            var t = Stopwatch.GetTimestamp();
            var stream = await session.Events.FetchForWriting<Story>(id, version);
            var story = stream.Aggregate!;
            fetch += Lap(ref t);
            var events = story.Revise(Corpus.Edit(story.Content, random), "Bench Editor", null, ChangeReader.Current);
            stream.AppendMany(events.ToArray());
            decide += Lap(ref t);
            var before = trips.Count;
            await session.SaveChangesAsync();
            saveTrips += trips.Count - before;
            save += Lap(ref t);
            version += events.Count;
            stream.Events.Aggregate(story, (state, e) => Story.Evolve(state, e.Data, (int)e.Version, EventTime.Of(e)));
            fold += Lap(ref t);
            var after = ((Revisions.Domain.Stories.StoryRevised)events[0]).Content;
            ChangeClassifier.Classify(story.Content, after);
            classify += Lap(ref t);
        }
        var commit = await db.PgbenchInsertAsync(1, 5);
        var marten = (fetch + decide + save + fold) / runs;
        report.Line($"one editor, sequential, {runs} saves of a ~600-word story:");
        report.Line($"  HTTP PUT end to end          {http,7:F2} ms  ({httpTrips} database round trips per save)");
        report.Line($"  = HTTP + JSON + endpoint     {http - marten,7:F2} ms  (the rest)");
        report.Line($"  + FetchForWriting            {fetch / runs,7:F2} ms");
        report.Line($"  + decide (Revise, classify)  {decide / runs,7:F2} ms");
        report.Line($"      of which classification  {classify / runs,7:F2} ms  (ChangeClassifier, CPU, recorded with the event)");
        report.Line($"  + SaveChanges                {save / runs,7:F2} ms  ({(double)saveTrips / runs:F1} round trips: projections' loads, the batch, commit)");
        report.Line($"      of which commit + fsync  {commit.LatencyMs,7:F2} ms  (pgbench 1 client, 1-row insert latency)");
        report.Line($"  + fold the saved state       {fold / runs,7:F2} ms");
    }

    private static double Lap(ref long start)
    {
        var now = Stopwatch.GetTimestamp();
        var ms = Stopwatch.GetElapsedTime(start, now).TotalMilliseconds;
        start = now;
        return ms;
    }
}
