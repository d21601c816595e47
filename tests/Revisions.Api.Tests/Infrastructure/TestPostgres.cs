using Npgsql;
using Revisions.Api.Hosting;

namespace Revisions.Api.Tests.Infrastructure;

/// <summary>
/// One throwaway PostgreSQL server for the whole test run (started on first use, stopped when the run
/// ends), or the server named by REVISIONS_TEST_PG. Each test class gets a database of its own.
/// </summary>
/// <remarks>
/// Everything a run writes goes to a directory of its own (<see cref="RunDirectory"/>: the cluster, its log and
/// socket, signing keys) under a parent that belongs to the user running the tests, so runs of different users
/// on one machine never share a file. The directory goes away when the run ends: the server stops and deletes
/// it when disposed, and a small keeper process does the same when the test process dies without disposing it.
/// A run also sweeps away what earlier runs of this user left behind.
/// </remarks>
public static class TestPostgres
{
    private static readonly Lazy<Func<string, string>> Server = new(StartServer, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lazy<string> Run = new(CreateRunDirectory, LazyThreadSafetyMode.ExecutionAndPublication);
    private static PrivatePostgres? _private;

    /// <summary>This run's own directory; it is removed when the run ends.</summary>
    public static string RunDirectory => Run.Value;

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

    /// <summary>A fresh directory for a test's own private server, inside this run's directory.</summary>
    public static string NewServerDirectory(string name) =>
        Directory.CreateDirectory(Path.Combine(RunDirectory, $"{name}-{Guid.NewGuid():N}"[..(name.Length + 9)])).FullName;

    private static Func<string, string> StartServer()
    {
        var given = Environment.GetEnvironmentVariable("REVISIONS_TEST_PG");
        if (!string.IsNullOrWhiteSpace(given))
        {
            AppDomain.CurrentDomain.ProcessExit += (_, _) => RemoveQuietly(RunDirectory);
            return database => new NpgsqlConnectionStringBuilder(given) { Database = database }.ConnectionString;
        }

        // The run directory is the server's directory: when the server goes, all of the run goes with it.
        var server = PrivatePostgres.Start(RunDirectory, throwaway: true);
        _private = server;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Dispose();
        return server.ConnectionString;
    }

    private static string CreateRunDirectory()
    {
        var parent = UserDirectory();
        RemoveLeftovers(parent);
        return Directory.CreateDirectory(Path.Combine(parent, $"{Environment.ProcessId}-{Guid.NewGuid():N}"[..16])).FullName;
    }

    /// <summary>
    /// /tmp/revisions-test-USER: closed to other users, except that root's must let the postgres user (its
    /// servers' owner) pass through. If someone else holds that name, a fresh private directory will do.
    /// </summary>
    private static string UserDirectory()
    {
        var path = Path.Combine(Path.GetTempPath(), $"revisions-test-{Environment.UserName}");
        var mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        if (PrivatePostgres.RunningAsRoot) mode |= UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        try
        {
            if (OperatingSystem.IsWindows()) Directory.CreateDirectory(path);
            else Directory.CreateDirectory(path, mode);
            var probe = Path.Combine(path, $".probe-{Guid.NewGuid():N}");
            Directory.CreateDirectory(probe);
            Directory.Delete(probe);
            return path;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Directory.CreateTempSubdirectory($"revisions-test-{Environment.UserName}-").FullName;
        }
    }

    /// <summary>
    /// Runs that ended before they could clean up (and whose keeper did not either: a reboot, a killed keeper)
    /// leave their directories behind: one whose test process is gone is stopped, if its server still runs,
    /// and removed.
    /// </summary>
    private static void RemoveLeftovers(string parent)
    {
        foreach (var directory in Directory.GetDirectories(parent))
        {
            var owner = Path.GetFileName(directory).Split('-')[0];
            if (!int.TryParse(owner, out var pid) || Directory.Exists($"/proc/{pid}")) continue;
            PrivatePostgres.RemoveAbandoned(directory);
        }
    }

    private static void RemoveQuietly(string directory)
    {
        try { Directory.Delete(directory, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    private static string Sanitise(string purpose)
    {
        var chars = purpose.ToLowerInvariant().Where(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '_').Take(24).ToArray();
        return new string(chars);
    }
}
