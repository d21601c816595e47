using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Revisions.Domain.Stories;

namespace Revisions.Load;

/// <summary>
/// P1: durable saves per second, 8 editors each saving a one-word change to their own ~600-word story (a 4.7 KB
/// body), against the floor: the same body parsed and inserted as one jsonb row in one transaction, over the same
/// HTTP stack, in the same server process (<see cref="SaveServer"/>), which runs apart from this driver. Phases
/// alternate — floor, raw Marten append, the API's save, the API's save with an Idempotency-Key — after a warm-up
/// that lasts until tiered compilation has settled, and every phase reports what one save cost the server
/// (CPU, allocation, round trips) and PostgreSQL (CPU, WAL).
/// With <c>--compare DLL</c> a second server, another build of this program on a database of its own, takes
/// part: its saves alternate with this build's, so a change is measured as a ratio in one run.
/// </summary>
public static class P1Saves
{
    public const int Editors = 8;

    public static async Task<Report> RunAsync(BenchDatabase db, TimeSpan duration, int repeats, string? compare, int maxWarmupSeconds)
    {
        var report = new Report("P1 durable saves");
        await using var server = await ServerProcess.StartAsync(db.ConnectionString);
        // REVISIONS_BENCH_COMPARE_SETTINGS (say "No Reset On Close=true") is added to the compared server's connection
        // string: the same build with another connection setting is compared as another build would be.
        var settings = Environment.GetEnvironmentVariable("REVISIONS_BENCH_COMPARE_SETTINGS");
        var whatIf = Environment.GetEnvironmentVariable("REVISIONS_BENCH_COMPARE_SQL");
        // REVISIONS_BENCH_COMPARE_ENV (say "DOTNET_gcServer=0") is set for the compared server's process only.
        var environment = Environment.GetEnvironmentVariable("REVISIONS_BENCH_COMPARE_ENV");
        if (settings is not null || whatIf is not null || environment is not null) compare ??= Path.Combine(AppContext.BaseDirectory, "Revisions.Load.dll");
        await using var other = compare is null ? null
            : await ServerProcess.StartAsync(await db.OtherDatabaseAsync("bench_compare") + (settings is null ? "" : ";" + settings), compare, environment);
        report.Line($"server process {server.Pid} at {server.Address}" + (other is null ? "" : $"; compared with {compare}{(settings is null ? "" : " with " + settings)}" +
            $"{(environment is null ? "" : " with " + environment)}{(whatIf is null ? "" : " after: " + whatIf)} (process {other.Pid})"));

        var kinds = new List<SaveKind>
        {
            await SaveKind.FloorAsync(server, "floor (one jsonb row)", "floor"),
            await SaveKind.FloorAsync(server, "raw Marten append", "append"),
            await SaveKind.ApiAsync(server, "PUT /api/stories/{id}", key: false),
            await SaveKind.ApiAsync(server, "PUT … with Idempotency-Key", key: true)
        };
        if (other is not null)
        {
            kinds.Insert(3, await SaveKind.ApiAsync(other, "compared: PUT /api/stories/{id}", key: false));
            kinds.Add(await SaveKind.ApiAsync(other, "compared: PUT … with Idempotency-Key", key: true));
            kinds.RemoveAt(1);
        }

        // REVISIONS_BENCH_COMPARE_SQL runs on the compared server's database once its stories exist: a what-if
        // measured against the same build (say, a trigger that drops the search index's rows: what they cost PostgreSQL).
        if (other is not null && whatIf is not null)
        {
            await using var connection = new Npgsql.NpgsqlConnection(await db.OtherDatabaseAsync("bench_compare"));
            await connection.OpenAsync();
            await using var command = new Npgsql.NpgsqlCommand(whatIf, connection);
            await command.ExecuteNonQueryAsync();
        }
        await WarmUpAsync(report, kinds, [server, other], maxWarmupSeconds);

        var results = kinds.ToDictionary(k => k, _ => new List<Phase>());
        for (var round = 1; round <= repeats; round++)
        {
            report.Line($"round {round} of {repeats} (load average {LoadAverage()})");
            foreach (var kind in kinds)
            {
                var phase = await kind.MeasureAsync(db, duration);
                results[kind].Add(phase);
                report.Line("  " + phase);
            }
        }

        var floor = results[kinds[0]];
        report.Line($"medians over {repeats} rounds (each ratio is taken against the floor of its own round):");
        foreach (var kind in kinds)
        {
            var phases = results[kind];
            var ratios = phases.Select((p, i) => p.PerSecond / floor[i].PerSecond).ToList();
            report.Line($"  {kind.Name,-40} {Median(phases.Select(p => p.PerSecond)),7:F0} saves/s = {Median(ratios):F3} of the floor ({ratios.Min():F3}–{ratios.Max():F3}); " +
                        $"per save: server {Median(phases.Select(p => p.ServerCpuMs)):F2} ms CPU, {Median(phases.Select(p => p.AllocatedKb)):F0} KB allocated, " +
                        $"{Median(phases.Select(p => p.RoundTrips)):F1} round trips; PostgreSQL {Median(phases.Select(p => p.PostgresCpuMs)):F2} ms CPU, " +
                        $"{Median(phases.Select(p => p.WalKb)):F1} KB WAL");
        }
        var api = results[kinds.First(k => k.Name == "PUT /api/stories/{id}")];
        var keyed = results[kinds.First(k => k.Name == "PUT … with Idempotency-Key")];
        report.Ratio("saves/s ÷ floor", Median(api.Select((p, i) => p.PerSecond / floor[i].PerSecond)), 0.5, higherIsBetter: true);
        report.Ratio("saves/s ÷ floor, with Idempotency-Key", Median(keyed.Select((p, i) => p.PerSecond / floor[i].PerSecond)), 0.5, higherIsBetter: true);
        report.Absolute("KB allocated per save, with Idempotency-Key", Median(keyed.Select(p => p.AllocatedKb)), 80, "KB");
        if (other is not null)
        {
            foreach (var (mine, theirs) in new[] { (kinds[1], kinds[2]), (kinds[3], kinds[4]) })
            {
                var ratio = results[mine].Select((p, i) => p.PerSecond / results[theirs][i].PerSecond).ToList();
                var cpu = results[mine].Select((p, i) => p.ServerCpuMs / results[theirs][i].ServerCpuMs).ToList();
                var pg = results[mine].Select((p, i) => p.PostgresCpuMs / results[theirs][i].PostgresCpuMs).ToList();
                report.Line($"this build ÷ compared, {mine.Name}: saves/s {Median(ratio):F3} ({ratio.Min():F3}–{ratio.Max():F3}), " +
                            $"server CPU per save {Median(cpu):F3}, PostgreSQL CPU per save {Median(pg):F3}");
            }
        }
        return report;
    }

    /// <summary>
    /// Rounds of every kind of save, 2 s each, until a round JIT-compiles fewer than 50 methods in the servers
    /// (tiered compilation has settled: the hot paths are at their final tier) or the time is up.
    /// </summary>
    private static async Task WarmUpAsync(Report report, List<SaveKind> kinds, ServerProcess?[] servers, int maxSeconds)
    {
        var watch = Stopwatch.StartNew();
        for (var round = 1; ; round++)
        {
            var before = await Task.WhenAll(servers.OfType<ServerProcess>().Select(s => s.StatsAsync()));
            var rates = new List<string>();
            foreach (var kind in kinds) rates.Add($"{(await kind.RunAsync(TimeSpan.FromSeconds(2))).PerSecond:F0}");
            var after = await Task.WhenAll(servers.OfType<ServerProcess>().Select(s => s.StatsAsync()));
            var jit = after.Zip(before, (a, b) => a - b).Sum(d => d.JitMethods);
            var settled = round >= 2 && jit < 50;
            if (settled || watch.Elapsed.TotalSeconds >= maxSeconds)
            {
                report.Line(settled
                    ? $"warm-up: tiered compilation settled after {watch.Elapsed.TotalSeconds:F0} s ({round} rounds; {jit} methods compiled in the last; saves/s per kind in it: {string.Join(" / ", rates)})"
                    : $"warm-up: NOT settled after {watch.Elapsed.TotalSeconds:F0} s ({jit} methods compiled in the last round; saves/s: {string.Join(" / ", rates)})");
                return;
            }
        }
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        return sorted.Length == 0 ? double.NaN : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}

/// <summary>What one phase of saves measured, per save where it says so.</summary>
public sealed record Phase(string Name, LoadResult Load, double ServerCpuMs, double AllocatedKb, double RoundTrips, double JitMethods,
    double PostgresCpuMs, double WalKb, double DriverCpuMs)
{
    public double PerSecond => Load.PerSecond;

    public override string ToString() =>
        $"{Name,-40} {PerSecond,7:F0} saves/s  p50 {Load.Percentile(0.5),6:F2} ms  p99 {Load.Percentile(0.99),6:F2} ms  ({Load.Failures} failed) | " +
        $"per save: server {ServerCpuMs:F2} ms CPU, {AllocatedKb:F0} KB, {RoundTrips:F1} trips; PostgreSQL {PostgresCpuMs:F2} ms CPU, {WalKb:F1} KB WAL; driver {DriverCpuMs:F2} ms";
}

/// <summary>
/// One kind of save and the editors doing it: each editor saves a one-word change of their own story, the API's
/// with the version they last saw as If-Match (and a new Idempotency-Key each time, for that kind).
/// </summary>
public sealed class SaveKind
{
    private readonly ServerProcess _server;
    private readonly HttpClient _client;
    // Each concurrent editor's stories, saved in turn (one each, unless a kind spreads its saves over many).
    private readonly Editor[][] _stories;
    private readonly int[] _turn;
    private readonly Func<HttpClient, Editor, Task<bool>> _save;

    private SaveKind(string name, ServerProcess server, Editor[] editors, Func<HttpClient, Editor, Task<bool>> save, int storiesEach = 1)
    {
        Name = name;
        _server = server;
        _stories = editors.Chunk(storiesEach).ToArray();
        _turn = new int[_stories.Length];
        _client = server.CreateLoadClient(_stories.Length);
        _save = save;
    }

    public string Name { get; }

    public sealed class Editor(Guid id, StoryContent content, int version, int seed)
    {
        public Guid Id { get; } = id;
        public StoryContent Content { get; set; } = content;
        public int Version { get; set; } = version;
        public Random Random { get; } = new(seed);
    }

    /// <summary>The floor endpoints: the same body, sent to <c>/bench/{path}/{id}</c>.</summary>
    public static Task<SaveKind> FloorAsync(ServerProcess server, string name, string path, int paragraphs = 12, int editors = P1Saves.Editors) =>
        Task.FromResult(new SaveKind(name, server,
            Enumerable.Range(0, editors).Select(i => new Editor(Guid.CreateVersion7(), Corpus.NewStory(100 + i, paragraphs, wordsEach: 50), 0, i)).ToArray(),
            async (client, editor) =>
            {
                editor.Content = Corpus.Edit(editor.Content, editor.Random);
                using var request = new HttpRequestMessage(HttpMethod.Put, $"/bench/{path}/{editor.Id}") { Content = Corpus.Body(editor.Content) };
                using var response = await client.SendAsync(request);
                return response.IsSuccessStatusCode;
            }));

    /// <summary>
    /// The API's save of stories it creates now (<paramref name="paragraphs"/> of 50 words each); with
    /// <paramref name="storiesEach"/> above one, every editor saves that many stories in turn.
    /// </summary>
    public static async Task<SaveKind> ApiAsync(ServerProcess server, string name, bool key, int paragraphs = 12, int editors = P1Saves.Editors,
        int storiesEach = 1)
    {
        using var client = server.CreateLoadClient(1);
        var list = new Editor[editors * storiesEach];
        for (var i = 0; i < list.Length; i++)
        {
            var content = Corpus.NewStory(100 + i, paragraphs, wordsEach: 50);
            list[i] = new Editor(await Corpus.CreateAsync(client, content, $"p1-{Guid.NewGuid():N}"[..30]), content, 1, i);
        }
        return Api(server, name, key, list, storiesEach);
    }

    /// <summary>The API's save of stories that already exist (seeded with many versions, say).</summary>
    public static async Task<SaveKind> ApiOnAsync(ServerProcess server, string name, bool key, IEnumerable<Guid> ids)
    {
        using var client = server.CreateLoadClient(1);
        var list = new List<Editor>();
        foreach (var id in ids)
        {
            using var response = await client.GetAsync($"/api/stories/{id}");
            response.EnsureSuccessStatusCode();
            var story = await response.Content.ReadFromJsonAsync<JsonElement>(Corpus.Json);
            var content = new StoryContent(story.GetProperty("headline").GetString()!, null, story.GetProperty("standfirst").GetString(),
                story.GetProperty("byline").GetString(), story.GetProperty("body").Deserialize<List<Block>>(Corpus.Json)!);
            list.Add(new Editor(id, content, story.GetProperty("version").GetInt32(), list.Count));
        }
        return Api(server, name, key, [.. list]);
    }

    private static SaveKind Api(ServerProcess server, string name, bool key, Editor[] editors, int storiesEach = 1) =>
        new(name, server, editors, async (client, editor) =>
        {
            var next = Corpus.Edit(editor.Content, editor.Random);
            using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/stories/{editor.Id}") { Content = Corpus.Body(next) };
            request.Headers.TryAddWithoutValidation("If-Match", $"\"{editor.Version}\"");
            if (key) request.Headers.TryAddWithoutValidation("Idempotency-Key", Guid.NewGuid().ToString());
            using var response = await client.SendAsync(request);
            if (!response.IsSuccessStatusCode) return false;
            editor.Content = next;
            editor.Version = int.Parse(response.Headers.ETag!.Tag.Trim('"'), CultureInfo.InvariantCulture);
            return true;
        }, storiesEach);

    public Task<LoadResult> RunAsync(TimeSpan duration) =>
        Load.RunAsync(Name, _stories.Length, duration, long.MaxValue, (worker, _) =>
        {
            var stories = _stories[worker];
            return _save(_client, stories[_turn[worker]++ % stories.Length]);
        });

    /// <summary>One phase: saves for <paramref name="duration"/>, and what they cost per save on each side.</summary>
    public async Task<Phase> MeasureAsync(BenchDatabase db, TimeSpan duration)
    {
        var server = await _server.StatsAsync();
        var postgres = CpuTime.PostgresNow();
        var wal = await db.WalBytesAsync();
        var driver = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
        var load = await RunAsync(duration);
        var driverCpu = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds - driver;
        var serverUsed = await _server.StatsAsync() - server;
        var postgresCpu = CpuTime.PostgresNow() - postgres;
        var walBytes = (double)(await db.WalBytesAsync() - wal);
        var saves = Math.Max(1, load.Requests);
        return new Phase(Name, load, serverUsed.CpuSeconds * 1000 / saves, serverUsed.AllocatedBytes / 1024.0 / saves, (double)serverUsed.RoundTrips / saves,
            serverUsed.JitMethods, postgresCpu * 1000 / saves, walBytes / 1024 / saves, driverCpu * 1000 / saves);
    }
}
