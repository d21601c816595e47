using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Npgsql;
using Revisions.Api.Hosting;
using Revisions.Api.Tests.Infrastructure;
using Revisions.Api.Tests.Security;
using Xunit.Abstractions;

namespace Revisions.Api.Tests.Hosting;

/// <summary>
/// The PostgreSQL server the API runs itself when no connection string is configured. Each server keeps all it
/// writes (data, log, socket) in its own directory; the API watches the one it started, starts it again when
/// it dies, and its keeper stops it even when the API is killed. With REVISIONS_TEST_PG set on a machine
/// without the server programs, there is no private server to run, and these tests have nothing to check.
/// </summary>
public class when_running_a_private_database(ITestOutputHelper output)
{
    private static bool CannotRun => !TestPostgres.IsPrivate && PostgresBinaries.Find() is null;

    [Fact]
    public async Task two_data_directories_run_side_by_side_each_with_its_own_socket()
    {
        if (CannotRun) return;
        using var first = PrivatePostgres.Start(TestPostgres.NewServerDirectory("first"), throwaway: true);
        using var second = PrivatePostgres.Start(TestPostgres.NewServerDirectory("second"), throwaway: true);

        first.Port.ShouldNotBe(second.Port);
        first.SocketDirectory.ShouldBe(first.DataDirectory);
        second.SocketDirectory.ShouldBe(second.DataDirectory);
        File.Exists(Path.Combine(first.DataDirectory, $".s.PGSQL.{first.Port}")).ShouldBeTrue();
        File.Exists(Path.Combine(second.DataDirectory, $".s.PGSQL.{second.Port}")).ShouldBeTrue();

        await first.EnsureDatabaseAsync("only_in_the_first");
        (await DatabasesOf(first)).ShouldContain("only_in_the_first");
        (await DatabasesOf(second)).ShouldNotContain("only_in_the_first");

        second.Dispose();
        Directory.Exists(second.DataDirectory).ShouldBeFalse("a throwaway server takes its directory along");
        (await DatabasesOf(first)).ShouldContain("only_in_the_first");
    }

    [Fact]
    public void a_server_that_cannot_start_says_why_and_where_its_log_is()
    {
        if (CannotRun) return;
        var directory = TestPostgres.NewServerDirectory("broken");
        try
        {
            PrivatePostgres.Start(directory, throwaway: false).Dispose();
            File.AppendAllText(Path.Combine(directory, "data", "postgresql.auto.conf"), "shared_buffers = 'plenty'\n");

            var failure = Should.Throw<PostgresFailedException>(() => PrivatePostgres.Start(directory, throwaway: false));

            output.WriteLine(failure.Message);
            failure.Message.ShouldContain($"The last lines of its log, {Path.Combine(directory, "server.log")}:");
            failure.Message.ShouldContain("shared_buffers");
        }
        finally
        {
            PrivatePostgres.RemoveAbandoned(directory);
        }
    }

    [Fact]
    public async Task when_its_postmaster_dies_the_api_starts_it_again_and_saves_succeed_without_a_restart()
    {
        if (CannotRun) return;
        var directory = TestPostgres.NewServerDirectory("api");
        var pidFile = Path.Combine(directory, "data", "postmaster.pid");
        var api = await ApiProcess.StartWithPrivateDatabaseAsync(directory, TimeSpan.FromSeconds(90));
        int restarted;
        try
        {
            using var http = new HttpClient { BaseAddress = api.Address, Timeout = TimeSpan.FromSeconds(10) };
            // The first save also compiles the endpoint; on a busy machine that can outlast one request's timeout.
            var first = Stopwatch.StartNew();
            HttpStatusCode? before;
            do before = await SaveAsync(http, "Before the crash");
            while (before is null && first.Elapsed < TimeSpan.FromSeconds(60));
            before.ShouldBe(HttpStatusCode.Created);

            var killed = PostmasterOf(pidFile);
            using (var postmaster = Process.GetProcessById(killed)) postmaster.Kill(); // SIGKILL: no shutdown at all
            var started = Stopwatch.StartNew();
            var answers = new List<string>();
            HttpStatusCode? saved = null;
            while (saved != HttpStatusCode.Created && started.Elapsed < TimeSpan.FromSeconds(60))
            {
                answers.Add($"ready {await ReadyAsync(http)}");
                saved = await SaveAsync(http, "After the crash");
                answers.Add($"save {saved?.ToString() ?? "no answer"}");
                await Task.Delay(100);
            }
            output.WriteLine($"Saved again {started.Elapsed.TotalSeconds:F1} s after the kill: {string.Join(", ", answers.Distinct())}");
            output.WriteLine(api.Output);

            saved.ShouldBe(HttpStatusCode.Created, "the API starts its server again by itself");
            answers.ShouldContain($"ready {HttpStatusCode.ServiceUnavailable}", "while the server is down the API is not ready");
            restarted = PostmasterOf(pidFile);
            restarted.ShouldNotBe(killed);
            (await ReadyAsync(http)).ShouldBe(HttpStatusCode.OK);
        }
        finally
        {
            await api.DisposeAsync();
        }

        // Killed hard, the API could not stop its server; its keeper does, and nothing is left running.
        var deadline = Stopwatch.StartNew();
        while (IsAlive(restarted) && deadline.Elapsed < TimeSpan.FromSeconds(30)) await Task.Delay(100);
        IsAlive(restarted).ShouldBeFalse("the server stops when the API that started it is killed");
        PrivatePostgres.RemoveAbandoned(directory);
    }

    private static async Task<List<string>> DatabasesOf(PrivatePostgres server)
    {
        await using var connection = new NpgsqlConnection(server.ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select datname from pg_database", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var names = new List<string>();
        while (await reader.ReadAsync()) names.Add(reader.GetString(0));
        return names;
    }

    private static async Task<HttpStatusCode?> SaveAsync(HttpClient http, string headline)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/stories")
        {
            Content = JsonContent.Create(new { headline, body = new[] { new { type = "paragraph", text = "A paragraph." } } })
        };
        request.Headers.Authorization = new("Bearer", TestTokens.For("Crash Editor", TestTokens.AllRoles));
        try
        {
            using var response = await http.SendAsync(request);
            return response.StatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    private static async Task<HttpStatusCode?> ReadyAsync(HttpClient http)
    {
        try
        {
            using var response = await http.GetAsync("health/ready");
            return response.StatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    private static int PostmasterOf(string pidFile) => int.Parse(File.ReadLines(pidFile).First());

    private static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)] != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }
}
