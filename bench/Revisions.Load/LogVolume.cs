using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Revisions.Api.Hosting;
using Revisions.Api.Http;

namespace Revisions.Load;

/// <summary>
/// How much the API logs for ordinary outcomes. The API runs as shipped in a process of its own (Production:
/// JSON lines on stdout, the levels of appsettings.json), its output going to a file. Sixteen editors race on
/// one story (read, save with If-Match, most lose with 409), then a mix of bad requests the API refuses with
/// 400, 404, 409 and 428. Reported: log bytes, entries at Warning or above, and entries carrying a stack trace.
/// </summary>
public static class LogVolume
{
    private const int Editors = 16;

    public static async Task<Report> RunAsync(BenchDatabase db, TimeSpan duration)
    {
        var report = new Report("Log volume");
        var key = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var logFile = Path.Combine(Path.GetTempPath(), $"revisions-bench-log-{Environment.ProcessId}.jsonl");
        await using var api = await ApiChild.StartAsync(db.ConnectionString, key, logFile);
        var token = TokenIssuer.FromBase64(key).Issue("Bench Editor", Roles.Newsroom, TimeSpan.FromHours(2));
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Editors }) { BaseAddress = api.Address };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var story = Corpus.NewStory(7, paragraphs: 4, wordsEach: 30);
        var id = await Corpus.CreateAsync(client, story, $"log-race-{Guid.NewGuid():N}"[..20]);

        var start = api.Log();
        var statuses = new System.Collections.Concurrent.ConcurrentDictionary<int, int>();
        var race = await Load.RunAsync($"16 editors racing on one story", Editors, duration, long.MaxValue, async (worker, i) =>
        {
            using var current = await client.GetAsync($"/api/stories/{id}");
            var version = int.Parse(current.Headers.ETag!.Tag.Trim('"'));
            using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/stories/{id}")
            {
                Content = Corpus.Body(Corpus.Edit(story, new Random(worker * 100_000 + (int)i)))
            };
            request.Headers.TryAddWithoutValidation("If-Match", $"\"{version}\"");
            using var response = await client.SendAsync(request);
            statuses.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
            return true;
        });
        var raced = await api.LogAfterAsync(start);
        report.Line($"{race.Requests} read-and-save rounds in {race.Seconds:F1} s: {Statuses(statuses)}");
        report.Line($"race: {raced} — {raced.Bytes / race.Seconds * 240 / 1e6:F2} MB per four minutes");

        var bad = BadRequests(id).ToList();
        statuses.Clear();
        var before = api.Log();
        var refused = await Load.RunAsync("bad requests", 4, duration, 3_300, async (worker, i) =>
        {
            using var request = bad[(int)(i * 4 + worker) % bad.Count]();
            using var response = await client.SendAsync(request);
            statuses.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
            return true;
        });
        var refusals = await api.LogAfterAsync(before);
        report.Line($"{refused.Requests} bad requests in {refused.Seconds:F1} s: {Statuses(statuses)}");
        report.Line($"bad requests: {refusals} — {refusals.Bytes * 1000.0 / refused.Requests / 1e3:F2} kB per 1,000 requests");
        File.Delete(logFile);
        return report;
    }

    private static string Statuses(IDictionary<int, int> statuses) =>
        string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Value} × {s.Key}"));

    /// <summary>Requests the API refuses as it should: none of them is the server's fault.</summary>
    private static IEnumerable<Func<HttpRequestMessage>> BadRequests(Guid id)
    {
        HttpRequestMessage Json(HttpMethod method, string path, string body, string? ifMatch = null)
        {
            var request = new HttpRequestMessage(method, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
            return request;
        }
        const string story = """{"headline":"A headline","body":[{"type":"paragraph","text":"Words."}]}""";
        yield return () => Json(HttpMethod.Post, "/api/stories", "{\"headline\": ");                       // 400 unreadable JSON
        yield return () => Json(HttpMethod.Post, "/api/stories", """{"headline":5,"body":[]}""");           // 400 wrong type
        yield return () => Json(HttpMethod.Post, "/api/stories", "[]");                                      // 400 an array
        yield return () => Json(HttpMethod.Put, $"/api/stories/{id}", story);                                // 428 no If-Match
        yield return () => Json(HttpMethod.Put, $"/api/stories/{id}", story, "\"x\"");                       // 400 bad If-Match
        yield return () => Json(HttpMethod.Put, $"/api/stories/{id}", story, "\"1\"");                       // 409 stale
        yield return () => Json(HttpMethod.Put, $"/api/stories/{Guid.NewGuid()}", story, "\"1\"");           // 404 no such story
        yield return () => new HttpRequestMessage(HttpMethod.Get, "/api/stories/no-such-story");              // 404
        yield return () => new HttpRequestMessage(HttpMethod.Get, $"/api/stories/{id}/versions/99999");       // 404
    }

    /// <summary>What the log gained: bytes, entries at Warning or above, entries with a stack trace.</summary>
    public sealed record LogGrowth(long Bytes, int Entries, int WarningsOrWorse, int StackTraces, string WhoWarned)
    {
        public override string ToString() =>
            $"{Bytes:N0} log bytes, {Entries} entries, {WarningsOrWorse} at Warning or above, {StackTraces} with a stack trace" +
            (WhoWarned.Length > 0 ? $" ({WhoWarned})" : "");
    }

    /// <summary>The API as shipped, in a process of its own, its stdout and stderr appended to a file.</summary>
    private sealed class ApiChild : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly string _logFile;
        private readonly StreamWriter _log;

        public Uri Address { get; }

        private ApiChild(Process process, string logFile, StreamWriter log, Uri address)
        {
            _process = process;
            _logFile = logFile;
            _log = log;
            Address = address;
        }

        public static async Task<ApiChild> StartAsync(string connectionString, string signingKey, string logFile)
        {
            var port = FreePort();
            var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
            {
                WorkingDirectory = AppContext.BaseDirectory,
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false
            };
            info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Revisions.Api.dll"));
            info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
            info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
            info.Environment["ConnectionStrings__Revisions"] = connectionString;
            info.Environment["Revisions__Auth__SigningKey"] = signingKey;
            info.Environment["Revisions__Integrity__KeyPath"] = Path.ChangeExtension(logFile, ".pem");
            info.Environment["Revisions__RateLimits__ReadsPerWindow"] = "1000000000";
            info.Environment["Revisions__RateLimits__WritesPerWindow"] = "1000000000";
            var log = new StreamWriter(logFile, append: false, Encoding.UTF8) { AutoFlush = true };
            var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the API");
            process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var api = new ApiChild(process, logFile, log, new Uri($"http://127.0.0.1:{port}/"));
            await api.WaitUntilReadyAsync();
            return api;
        }

        /// <summary>The log's length now.</summary>
        public long Log()
        {
            lock (_log) return new FileInfo(_logFile).Length;
        }

        /// <summary>What the log gained since <paramref name="offset"/>, once the API has had a moment to write it.</summary>
        public async Task<LogGrowth> LogAfterAsync(long offset)
        {
            // The console logger writes from a queue of its own: wait until the file stops growing.
            for (long last = -1, now = Log(); now != last; last = now, now = Log()) await Task.Delay(500);
            string text;
            lock (_log)
            {
                using var file = new FileStream(_logFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                file.Seek(offset, SeekOrigin.Begin);
                text = new StreamReader(file).ReadToEnd();
            }
            int entries = 0, warnings = 0, traces = 0;
            var categories = new Dictionary<string, int>();
            foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                string? level = null;
                var trace = false;
                try
                {
                    using var entry = JsonDocument.Parse(line);
                    level = entry.RootElement.TryGetProperty("LogLevel", out var l) ? l.GetString() : null;
                    if (level is "Warning" or "Error" or "Critical" && entry.RootElement.TryGetProperty("Category", out var c))
                        categories[$"{level} {c.GetString()}"] = categories.GetValueOrDefault($"{level} {c.GetString()}") + 1;
                    trace = entry.RootElement.TryGetProperty("Exception", out var e) && (e.GetString() ?? "").Contains("   at ");
                }
                catch (JsonException)
                {
                    trace = line.StartsWith("   at ", StringComparison.Ordinal); // a plain-text line, e.g. from stderr
                }
                entries++;
                if (level is "Warning" or "Error" or "Critical") warnings++;
                if (trace) traces++;
            }
            return new LogGrowth(Encoding.UTF8.GetByteCount(text), entries, warnings, traces,
                string.Join(", ", categories.OrderByDescending(c => c.Value).Select(c => $"{c.Value} × {c.Key}")));
        }

        private async Task WaitUntilReadyAsync()
        {
            using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(2) };
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
            while (DateTime.UtcNow < deadline && !_process.HasExited)
            {
                try
                {
                    if ((await http.GetAsync("health/ready")).StatusCode == HttpStatusCode.OK) return;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { }
                await Task.Delay(200);
            }
            throw new InvalidOperationException($"The API did not start; its output is in {_logFile}");
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        public ValueTask DisposeAsync()
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
            _process.Dispose();
            lock (_log) _log.Dispose();
            File.Delete(Path.ChangeExtension(_logFile, ".pem"));
            return ValueTask.CompletedTask;
        }
    }
}
