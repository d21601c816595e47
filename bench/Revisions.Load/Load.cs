using System.Diagnostics;

namespace Revisions.Load;

/// <summary>What a load phase measured: completed requests, failures, throughput and latency percentiles.</summary>
public sealed record LoadResult(string Name, long Requests, long Failures, double Seconds, double[] SortedLatenciesMs)
{
    public double PerSecond => Requests / Seconds;
    public double Percentile(double p) =>
        SortedLatenciesMs.Length == 0 ? double.NaN : SortedLatenciesMs[Math.Min(SortedLatenciesMs.Length - 1, (int)(p * SortedLatenciesMs.Length))];
    public double Mean => SortedLatenciesMs.Length == 0 ? double.NaN : SortedLatenciesMs.Average();

    public override string ToString() =>
        $"{Name,-34} {PerSecond,9:F0} req/s  p50 {Percentile(0.50),6:F2} ms  p99 {Percentile(0.99),6:F2} ms  ({Requests} ok, {Failures} failed, {Seconds:F1} s)";
}

/// <summary>
/// A closed-loop load: <c>workers</c> callers, each sending its next request when the last one is answered,
/// until the time is up or the request budget is spent, whichever comes first. It always stops by itself.
/// </summary>
public static class Load
{
    public static async Task<LoadResult> RunAsync(string name, int workers, TimeSpan duration, long maxRequests,
        Func<int, long, Task<bool>> request)
    {
        var latencies = new List<double>[workers];
        long started = 0, failures = 0;
        var watch = Stopwatch.StartNew();
        var tasks = Enumerable.Range(0, workers).Select(async worker =>
        {
            var mine = latencies[worker] = new List<double>(4096);
            long i = 0;
            while (watch.Elapsed < duration && Interlocked.Increment(ref started) <= maxRequests)
            {
                var begin = Stopwatch.GetTimestamp();
                bool ok;
                try { ok = await request(worker, i++); }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { ok = false; }
                if (ok) mine.Add(Stopwatch.GetElapsedTime(begin).TotalMilliseconds);
                else Interlocked.Increment(ref failures);
            }
        }).ToArray();
        await Task.WhenAll(tasks);
        var seconds = watch.Elapsed.TotalSeconds;
        var all = latencies.SelectMany(l => l).ToArray();
        Array.Sort(all);
        return new LoadResult(name, all.Length, failures, seconds, all);
    }

    /// <summary>Mean time of <paramref name="action"/> in milliseconds over <paramref name="runs"/> runs after a warm-up.</summary>
    public static async Task<double> TimeAsync(int runs, Func<int, Task> action, int warmup = 3)
    {
        for (var i = 0; i < warmup; i++) await action(i);
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < runs; i++) await action(i);
        return watch.Elapsed.TotalMilliseconds / runs;
    }
}
