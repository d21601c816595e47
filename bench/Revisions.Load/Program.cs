using System.Globalization;
namespace Revisions.Load;

// dotnet run -c Release --project bench/Revisions.Load -- [p1] [p2] [p5] [p6] [memory] [search] [desk] [logs] [watch] [growth] [--seconds 10] [--memory-seconds 60]
//     [--rebuilds 1] [--watch-seconds 300] [--repeats 3] [--warmup-seconds 90] [--compare OTHER/Revisions.Load.dll]
// With no benchmark named, runs all of them but logs, watch, growth and desk (named explicitly). Loopback only; every phase is bounded in time and requests.
// `serve` is the save benchmarks' server process, which P1 and growth start themselves (SaveServer.cs).
/// <summary>Runs the named load benchmarks (all by default) against one fsync-on PostgreSQL and one in-process API.</summary>
public static class Runner
{
    public static async Task<int> Main(string[] args)
    {
        if (args is ["serve"]) return await SaveServer.RunAsync();
        var compare = Text(args, "--compare");
        var names = args.Where(a => !a.StartsWith("--") && !double.TryParse(a, CultureInfo.InvariantCulture, out _) && a != compare)
            .Select(a => a.ToLowerInvariant()).ToHashSet();
        if (names.Count == 0) names = ["p1", "p2", "p5", "memory", "p6", "search"];
        var seconds = Option(args, "--seconds", 10);
        var memorySeconds = Option(args, "--memory-seconds", 60);
        var rebuilds = Option(args, "--rebuilds", 1);
        var watchSeconds = Option(args, "--watch-seconds", 300);
        var repeats = Option(args, "--repeats", 3);
        var warmup = Option(args, "--warmup-seconds", 90);

        Console.WriteLine($"load average at start: {LoadAverage()}; {Environment.ProcessorCount} cores; .NET {Environment.Version}");
        using var db = await BenchDatabase.StartAsync();
        Console.WriteLine($"PostgreSQL on port {db.Port}: fsync={await db.SettingAsync("fsync")}, synchronous_commit={await db.SettingAsync("synchronous_commit")}");
        var reports = new List<Report>();
        var duration = TimeSpan.FromSeconds(seconds);
        // Runs the API in a process of its own, before the in-process one starts: their logs stay apart.
        if (names.Contains("logs")) reports.Add(await LogVolume.RunAsync(db, duration));
        // The saves are measured with the server in a process of its own (SaveServer.cs), before the in-process API starts.
        if (names.Contains("p1")) reports.Add(await P1Saves.RunAsync(db, duration, repeats, compare, warmup));
        if (names.Contains("growth")) reports.Add(await Growth.RunAsync(db, duration));
        if (!names.Overlaps(["p2", "p5", "memory", "p6", "search", "desk", "watch"])) return Summary(reports);

        await using var host = BenchHost.Start(db.ConnectionString);
        Console.WriteLine($"API on {host.Address}");
        if (names.Contains("p2")) reports.Add(await P2Versions.RunAsync(host, duration));
        if (names.Contains("desk")) reports.Add(await DeskPages.RunAsync(host, duration));
        if (names.Contains("p5")) reports.Add(await P5Reads.RunAsync(host, duration));
        if (names.Contains("memory")) reports.Add(await MemoryRun.RunAsync(host, TimeSpan.FromSeconds(memorySeconds)));
        if (names.Contains("p6")) reports.Add(await P6Rebuild.RunAsync(db, host, rebuilds));
        // After P6: its 200,000 events would otherwise change what P6 rebuilds.
        if (names.Contains("search")) reports.Add(await SearchQueries.RunAsync(db, host, duration));
        if (names.Contains("watch")) reports.Add(await WatchRun.RunAsync(host, TimeSpan.FromSeconds(watchSeconds)));
        return Summary(reports);
    }

    static int Summary(List<Report> reports)
    {
        Console.WriteLine();
        Console.WriteLine($"Summary (load average at end: {LoadAverage()})");
        foreach (var report in reports)
            foreach (var (what, ratio, target, met) in report.Ratios)
                Console.WriteLine($"  {report.Name,-24} {what,-52} {ratio,9:F3}  target {target,-5} {(met ? "MET" : "MISSED")}");
        return 0;
    }

    static string? Text(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }

    static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
