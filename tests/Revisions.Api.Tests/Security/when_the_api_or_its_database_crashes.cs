using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Npgsql;
using Revisions.Api.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Revisions.Api.Tests.Security;

/// <summary>Runs alone: it restarts the test run's PostgreSQL server, which every other test class shares.</summary>
[CollectionDefinition(nameof(Crashes), DisableParallelization = true)]
public sealed class Crashes;

/// <summary>
/// Editors save while the API process is SIGKILLed and restarted, and while PostgreSQL is crashed and
/// restarted (pg_ctl -m immediate). A save not acknowledged is retried with its Idempotency-Key until it is.
/// Afterwards every save is in its story exactly once and the versions have no gaps. With REVISIONS_TEST_PG
/// set the server is someone else's and is not restarted; the API process is still killed.
/// </summary>
[Collection(nameof(Crashes))]
public class when_the_api_or_its_database_crashes(ITestOutputHelper output)
{
    private const int Clients = 4;
    private const int SavesEach = 45;

    private volatile Uri _address = null!;
    private int _acknowledged, _requests, _failures, _serverErrors, _conflicts;

    [Fact]
    public async Task every_acknowledged_save_is_kept_exactly_once()
    {
        var started = DateTime.UtcNow;
        var connection = await TestPostgres.CreateDatabaseAsync("crashes");
        await Durable(connection);
        var api = await ApiProcess.StartAsync(connection, TimeSpan.FromSeconds(60));
        try
        {
            _address = api.Address;
            var stories = new List<Guid>();
            for (var c = 0; c < Clients; c++)
                stories.Add((await SaveAsync(HttpMethod.Post, "api/stories", $"create-{c}", null, Content($"Crash story {c}", "start")))!.Value.Id);

            var crashes = new ConcurrentQueue<string>();
            var load = Task.WhenAll(stories.Select((id, c) => Task.Run(() => EditAsync(c, id))));
            await WaitForAcknowledged(SavesEach * Clients / 3, load);
            api.Kill();
            crashes.Enqueue($"API killed after {_acknowledged} saves");
            api = await ApiProcess.StartAsync(connection, TimeSpan.FromSeconds(60));
            _address = api.Address;

            await WaitForAcknowledged(SavesEach * Clients * 2 / 3, load);
            if (TestPostgres.IsPrivate)
            {
                TestPostgres.RestartImmediate();
                crashes.Enqueue($"PostgreSQL crashed and restarted after {_acknowledged} saves");
            }
            await load.WaitAsync(TimeSpan.FromSeconds(90));

            var lost = 0;
            var duplicated = 0;
            for (var c = 0; c < Clients; c++)
            {
                var log = await SaveLog.ReadAsync(connection, stories[c], $@"c{c}-save-\d+\b");
                lost += Enumerable.Range(0, SavesEach).Count(i => !log.Markers.ContainsKey($"c{c}-save-{i}"));
                duplicated += log.Markers.Count(m => m.Value > 1);
                log.VersionsAreDense.ShouldBeTrue();
                log.Versions.Count.ShouldBe(1 + SavesEach);
            }
            output.WriteLine(string.Join("; ", crashes));
            output.WriteLine($"{_requests} requests, {_failures} without an answer, {_serverErrors} 5xx, {_conflicts} 409, " +
                             $"{_acknowledged} saves acknowledged, {lost} lost, {duplicated} kept twice, in {(DateTime.UtcNow - started).TotalSeconds:F1} s");
            _conflicts.ShouldBe(0);
            lost.ShouldBe(0);
            duplicated.ShouldBe(0);
            crashes.Count.ShouldBe(TestPostgres.IsPrivate ? 2 : 1);
        }
        finally
        {
            await api.DisposeAsync();
        }
    }

    /// <summary>One editor's saves in order, each retried with the same key and If-Match until acknowledged.</summary>
    private async Task EditAsync(int client, Guid story)
    {
        var version = 1;
        for (var i = 0; i < SavesEach; i++)
        {
            var saved = await SaveAsync(HttpMethod.Put, $"api/stories/{story}", $"c{client}-save-{i}-key", version,
                Content($"Crash story {client}", $"c{client}-save-{i}"));
            version = saved!.Value.Version;
            Interlocked.Increment(ref _acknowledged);
        }
    }

    private async Task<(Guid Id, int Version)?> SaveAsync(HttpMethod method, string path, string key, int? ifMatch, object body)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            Interlocked.Increment(ref _requests);
            using var http = new HttpClient { BaseAddress = _address, Timeout = TimeSpan.FromSeconds(10) };
            using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
            request.Headers.Authorization = new("Bearer", TestTokens.For("Crash Editor", TestTokens.AllRoles));
            request.Headers.Add("Idempotency-Key", key);
            if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", $"\"{ifMatch}\"");
            try
            {
                using var response = await http.SendAsync(request);
                if (response.IsSuccessStatusCode)
                {
                    var story = await response.Content.ReadFromJsonAsync<StoryIdAndVersion>();
                    return (story!.Id, story.Version);
                }
                if ((int)response.StatusCode >= 500) Interlocked.Increment(ref _serverErrors);
                else if (response.StatusCode == HttpStatusCode.Conflict) Interlocked.Increment(ref _conflicts);
                else throw new InvalidOperationException($"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                Interlocked.Increment(ref _failures);
            }
            await Task.Delay(50); // the API or the database is coming back: poll, do not spin
        }
        throw new TimeoutException($"{method} {path} was not acknowledged within 60 s");
    }

    private async Task WaitForAcknowledged(int count, Task load)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (_acknowledged < count && !load.IsCompleted && DateTime.UtcNow < deadline) await Task.Delay(20);
        if (load.IsFaulted) await load;
        _acknowledged.ShouldBeGreaterThanOrEqualTo(count);
    }

    /// <summary>
    /// The test server runs with fsync off, which a process crash does not hurt; an acknowledged commit must
    /// reach the WAL before the answer, as in production, so this database commits synchronously.
    /// </summary>
    private static async Task Durable(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"alter database \"{builder.Database}\" set synchronous_commit = on", connection);
        await command.ExecuteNonQueryAsync();
    }

    private static object Content(string headline, string text) =>
        new { headline, body = new[] { new { type = "paragraph", text } } };

    private sealed record StoryIdAndVersion(Guid Id, int Version);
}
