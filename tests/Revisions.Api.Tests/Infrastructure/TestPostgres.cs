using Npgsql;
using Revisions.Api.Hosting;

namespace Revisions.Api.Tests.Infrastructure;

/// <summary>
/// One throwaway PostgreSQL server for the whole test run (started on first use, stopped when the run
/// ends), or the server named by REVISIONS_TEST_PG. Each test class gets a database of its own.
/// </summary>
public static class TestPostgres
{
    private static readonly Lazy<Func<string, string>> Server = new(StartServer, LazyThreadSafetyMode.ExecutionAndPublication);
    private static PrivatePostgres? _private;

    /// <summary>True when the tests run their own server (REVISIONS_TEST_PG not set), so it may be restarted.</summary>
    public static bool IsPrivate
    {
        get
        {
            _ = Server.Value;
            return _private is not null;
        }
    }

    /// <summary>Crashes and restarts the private test server (see <see cref="PrivatePostgres.RestartImmediate"/>).</summary>
    public static void RestartImmediate()
    {
        _ = Server.Value;
        (_private ?? throw new InvalidOperationException("REVISIONS_TEST_PG names a shared server; the tests do not restart it.")).RestartImmediate();
        NpgsqlConnection.ClearAllPools();
    }

    public static async Task<string> CreateDatabaseAsync(string purpose)
    {
        var connectionFor = Server.Value;
        var name = $"t_{Sanitise(purpose)}_{Guid.NewGuid():N}"; // at most 59 characters, within PostgreSQL's 63
        await using var connection = new NpgsqlConnection(connectionFor("postgres"));
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"create database \"{name}\"", connection);
        await create.ExecuteNonQueryAsync();
        return connectionFor(name);
    }

    private static Func<string, string> StartServer()
    {
        var given = Environment.GetEnvironmentVariable("REVISIONS_TEST_PG");
        if (!string.IsNullOrWhiteSpace(given))
        {
            return database => new NpgsqlConnectionStringBuilder(given) { Database = database }.ConnectionString;
        }

        var parent = Path.Combine(Path.GetTempPath(), "revisions-test-pg");
        RemoveLeftovers(parent);
        var directory = Path.Combine(parent, $"{Environment.ProcessId}-{Guid.NewGuid():N}");
        var server = PrivatePostgres.Start(directory, throwaway: true);
        _private = server;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Dispose();
        return server.ConnectionString;
    }

    /// <summary>
    /// Earlier runs that ended before they could clean up leave stopped clusters behind: a directory whose
    /// test process is gone and whose server is not running is one of those.
    /// </summary>
    private static void RemoveLeftovers(string parent)
    {
        if (!Directory.Exists(parent)) return;
        foreach (var directory in Directory.GetDirectories(parent))
        {
            if (File.Exists(Path.Combine(directory, "data", "postmaster.pid"))) continue;
            var owner = Path.GetFileName(directory).Split('-')[0];
            if (int.TryParse(owner, out var pid) && Directory.Exists($"/proc/{pid}")) continue;
            try { Directory.Delete(directory, recursive: true); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
    }

    private static string Sanitise(string purpose)
    {
        var chars = purpose.ToLowerInvariant().Where(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '_').Take(24).ToArray();
        return new string(chars);
    }
}
