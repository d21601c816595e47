using System.Diagnostics;
using Marten;
using Npgsql;
using Revisions.Api.Admin;

namespace Revisions.Load;

/// <summary>
/// P6: rebuilding every read model over 100,000 events, against simply reading those events (Marten's
/// QueryAllRawEvents, which also deserialises them; a raw SQL read is shown for reference).
/// </summary>
public static class P6Rebuild
{
    public const int Stories = 5000;
    public const int EventsPerStory = 20;

    public static async Task<Report> RunAsync(BenchDatabase db, BenchHost host, int rebuilds)
    {
        var report = new Report("P6 rebuild");
        var store = host.Store;
        var watch = Stopwatch.StartNew();
        await Corpus.SeedPublishedAsync(store, Stories, "p6", n => Corpus.NewStory(n, paragraphs: 5, wordsEach: 40));
        report.Line($"seeded {Stories:N0} stories × {EventsPerStory} events in {watch.Elapsed.TotalSeconds:F1} s " +
                     $"({Stories * EventsPerStory / watch.Elapsed.TotalSeconds:F0} events/s with inline projections)");

        long total = 0;
        async Task<double> ReadAllAsync() => await Timed(async () =>
        {
            await using var session = store.QuerySession();
            long n = 0;
            await foreach (var _ in session.Events.QueryAllRawEvents().ToAsyncEnumerable()) n++;
            total = n;
        });
        var read = await ReadAllAsync();
        report.Line($"QueryAllRawEvents, streamed and deserialised: {total:N0} events in {read:F2} s = {total / read:F0} events/s");
        var raw = await Timed(async () =>
        {
            await using var connection = new NpgsqlConnection(db.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("select type, data::text from revisions.mt_events order by seq_id", connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) { reader.GetString(0); reader.GetString(1); }
        });
        report.Line($"raw SQL read of mt_events (type, data as text): {raw:F2} s = {total / raw:F0} events/s");
        report.Line(await VersionRowsAsync(db));

        // Each rebuild deletes and writes the same read models again, so repeats are comparable. The plain read
        // is timed again before each rebuild, so both sides of the ratio see the same spells of a noisy machine;
        // the medians count.
        var seconds = new List<double>();
        var reads = new List<double> { read };
        for (var run = 0; run < Math.Max(1, rebuilds); run++)
        {
            if (run > 0)
            {
                reads.Add(await ReadAllAsync());
                report.Line($"QueryAllRawEvents again: {reads[^1]:F2} s");
            }
            var cpu = CpuTime.Now();
            var wal = await WalPositionAsync(db);
            var rebuild = await RebuildProjectionsEndpoint.RebuildAsync(store, null, CancellationToken.None);
            seconds.Add(rebuild.ElapsedMilliseconds / 1000.0);
            report.Line($"rebuild {run + 1}: {rebuild.Events:N0} events, {string.Join(", ", rebuild.Projections)} " +
                        $"in {seconds[^1]:F2} s = {rebuild.Events / seconds[^1]:F0} events/s; {CpuTime.Now() - cpu}; " +
                        $"WAL {(await WalPositionAsync(db) - wal) / 1048576m:F0} MB");
        }
        static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
        report.Ratio("rebuild events/s ÷ QueryAllRawEvents events/s", Median(reads) / Median(seconds), 0.25, higherIsBetter: true);
        return report;
    }

    /// <summary>The server's write-ahead log position in bytes, to tell how much WAL a rebuild writes.</summary>
    private static Task<decimal> WalPositionAsync(BenchDatabase db) =>
        db.ScalarAsync<decimal>("select pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')");

    /// <summary>What the rebuild writes most of: one version row per event.</summary>
    private static async Task<string> VersionRowsAsync(BenchDatabase db)
    {
        await using var connection = new NpgsqlConnection(db.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select count(*), avg(octet_length(data::text)), avg(pg_column_size(data)), pg_total_relation_size('revisions.mt_doc_storyversion') " +
            "from revisions.mt_doc_storyversion", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return $"version rows: {reader.GetInt64(0):N0}, JSON {reader.GetDecimal(1):F0} bytes each as text, " +
               $"{reader.GetDecimal(2):F0} stored; table with indexes {reader.GetInt64(3) / 1048576.0:F0} MB";
    }

    private static async Task<double> Timed(Func<Task> action)
    {
        var watch = Stopwatch.StartNew();
        await action();
        return watch.Elapsed.TotalSeconds;
    }
}
