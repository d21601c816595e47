using System.Diagnostics;
using Revisions.Domain.Stories;

namespace Revisions.Load;

/// <summary>
/// Memory under steady load: a mix of saves and reads for a configurable time, sampling the process's
/// working set and the managed heap. The load driver shares the process, so its own (small) heap is included.
/// </summary>
public static class MemoryRun
{
    public static async Task<Report> RunAsync(BenchHost host, TimeSpan duration)
    {
        var report = new Report("memory");
        using var client = host.CreateLoadClient(8);
        var stories = new (Guid Id, StoryContent Content, int Version, Random Random)[2];
        for (var i = 0; i < stories.Length; i++)
        {
            var content = Corpus.NewStory(700 + i, paragraphs: 12, wordsEach: 50);
            stories[i] = (await Corpus.CreateAsync(client, content, $"mem-{i}-{Environment.ProcessId}"), content, 1, new Random(i));
        }
        var readSlug = $"mem-0-{Environment.ProcessId}";
        using (var publish = new HttpRequestMessage(HttpMethod.Post, $"/api/stories/{stories[0].Id}/publish"))
        {
            publish.Content = System.Net.Http.Json.JsonContent.Create(new { expectedVersion = 1 });
            (await client.SendAsync(publish)).EnsureSuccessStatusCode();
            stories[0].Version = 2;
        }

        // Two editors save (one story each); six readers read the reader page, the JSON story and old versions.
        async Task<bool> Request(int worker, long i)
        {
            if (worker < 2)
            {
                if (await Corpus.SaveAsync(client, stories[worker]) is not { } saved) return false;
                stories[worker] = saved;
                return true;
            }
            var target = stories[worker % 2];
            return await P2Versions.Ok(client, (i % 3) switch
            {
                0 => $"/stories/{readSlug}",
                1 => $"/api/stories/{target.Id}",
                _ => $"/api/stories/{target.Id}/versions/{1 + i % Math.Max(1, target.Version)}"
            });
        }

        await Load.RunAsync("warm-up", 8, TimeSpan.FromSeconds(10), long.MaxValue, Request);
        var before = Sample("before (after 10 s warm-up)", report);
        var samples = (int)Math.Max(1, duration.TotalSeconds / 30);
        long requests = 0;
        for (var s = 0; s < samples; s++)
        {
            var phase = await Load.RunAsync($"mix {s + 1}/{samples}", 8, duration / samples, long.MaxValue, Request);
            requests += phase.Requests;
            report.Line(phase.ToString());
            Sample($"after {(s + 1) * duration.TotalSeconds / samples:F0} s", report);
        }
        var after = Sample("after the load", report);
        report.Line($"{requests:N0} requests in {duration.TotalSeconds:F0} s");
        report.Line($"retained heap after full GC: before {before.Retained / 1e6:F1} MB, after {after.Retained / 1e6:F1} MB " +
                    $"({(after.Retained - before.Retained) / 1e6:+0.0;-0.0} MB); working set {before.WorkingSet / 1e6:F0} → {after.WorkingSet / 1e6:F0} MB");
        report.Ratio("retained heap after ÷ before", (double)after.Retained / before.Retained, 1.25, higherIsBetter: false);
        return report;
    }

    private static (long WorkingSet, long Retained) Sample(string when, Report report)
    {
        var heap = GC.GetGCMemoryInfo().HeapSizeBytes;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        var retained = GC.GetTotalMemory(forceFullCollection: true);
        using var process = Process.GetCurrentProcess();
        report.Line($"{when,-28} working set {process.WorkingSet64 / 1e6,6:F0} MB, GC heap {heap / 1e6,6:F1} MB, retained after full GC {retained / 1e6,6:F1} MB, gen2 GCs {GC.CollectionCount(2)}");
        return (process.WorkingSet64, retained);
    }
}
