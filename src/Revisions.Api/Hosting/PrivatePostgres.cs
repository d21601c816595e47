using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Revisions.Api.Hosting;

/// <summary>
/// A PostgreSQL server of Revisions' own, started from the server programs on this machine when no
/// connection string is configured: initdb on first use, pg_ctl start on a free loopback port, pg_ctl stop
/// when disposed. As root the server runs as the <c>postgres</c> user, since PostgreSQL refuses to run as root.
/// </summary>
public sealed class PrivatePostgres : IDisposable
{
    private readonly string _binDir;
    private readonly bool _deleteOnDispose;
    private readonly bool _ownsServer;
    private int _disposed;

    public string DataDirectory { get; }
    public int Port { get; }
    public string LogFile => Path.Combine(DataDirectory, "server.log");

    private PrivatePostgres(string binDir, string dataDirectory, int port, bool ownsServer, bool deleteOnDispose)
    {
        _binDir = binDir;
        DataDirectory = dataDirectory;
        Port = port;
        _ownsServer = ownsServer;
        _deleteOnDispose = deleteOnDispose;
    }

    /// <summary>Connection string for <paramref name="database"/> on this server.</summary>
    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1", Port = Port, Username = "postgres", Database = database,
            // Keep idle connections short-lived so that dropping a test database is not blocked by the pool.
            ConnectionIdleLifetime = 10, MaxPoolSize = 50
        }.ConnectionString;

    /// <summary>
    /// Starts (or joins, if one is already running on that directory) a server over <paramref name="dataDirectory"/>.
    /// A throwaway server skips durability work (fsync) and deletes its directory when disposed.
    /// </summary>
    public static PrivatePostgres Start(string dataDirectory, bool throwaway, Action<string>? log = null)
    {
        var binDir = PostgresBinaries.Find() ?? throw new PostgresNotInstalledException();
        Directory.CreateDirectory(dataDirectory);
        if (RunningAsRoot) Chown(dataDirectory);

        var dataPath = Path.Combine(dataDirectory, "data");
        if (!File.Exists(Path.Combine(dataPath, "PG_VERSION")))
        {
            log?.Invoke($"Creating a PostgreSQL cluster in {dataPath}");
            Run(binDir, "initdb", ["-D", dataPath, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-locale", "--no-instructions"]);
        }

        var runningPort = RunningPort(binDir, dataPath);
        if (runningPort is not null)
        {
            log?.Invoke($"Using the PostgreSQL server already running on port {runningPort}");
            return new PrivatePostgres(binDir, dataDirectory, runningPort.Value, ownsServer: false, deleteOnDispose: false);
        }

        var port = FreePort();
        var settings = $"-p {port} -c listen_addresses=127.0.0.1 -k {QuoteForServer(SocketDirectory())}";
        if (throwaway) settings += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
        settings += " -c max_connections=200";
        var server = new PrivatePostgres(binDir, dataDirectory, port, ownsServer: true, deleteOnDispose: throwaway);
        Run(binDir, "pg_ctl", ["-D", dataPath, "-o", settings, "-l", server.LogFile, "-w", "-t", "60", "start"]);
        log?.Invoke($"Started PostgreSQL on 127.0.0.1:{port} (data in {dataPath})");
        return server;
    }

    /// <summary>
    /// Stops the server the way a crash would (pg_ctl -m immediate: no checkpoint, recovery from the WAL on
    /// start) and starts it again with the same settings; for tests that prove nothing acknowledged is lost.
    /// </summary>
    public void RestartImmediate()
    {
        if (!_ownsServer) throw new InvalidOperationException("Only a server this process started can be restarted by it.");
        Run(_binDir, "pg_ctl", ["-D", Path.Combine(DataDirectory, "data"), "-m", "immediate", "-l", LogFile, "-w", "-t", "60", "restart"]);
    }

    /// <summary>Creates <paramref name="database"/> unless it exists.</summary>
    public async Task EnsureDatabaseAsync(string database, CancellationToken cancellation = default)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync(cancellation);
        await using var exists = new NpgsqlCommand("select 1 from pg_database where datname = @name", connection);
        exists.Parameters.AddWithValue("name", database);
        if (await exists.ExecuteScalarAsync(cancellation) is not null) return;
        await using var create = new NpgsqlCommand($"create database \"{database.Replace("\"", "\"\"")}\"", connection);
        await create.ExecuteNonQueryAsync(cancellation);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        if (_ownsServer)
        {
            NpgsqlConnection.ClearAllPools();
            try
            {
                Run(_binDir, "pg_ctl", ["-D", Path.Combine(DataDirectory, "data"), "-m", "fast", "-w", "stop"]);
            }
            catch (InvalidOperationException)
            {
                // Already stopped (for example by the operating system at shutdown): nothing left to do.
            }
        }
        if (_deleteOnDispose)
        {
            try { Directory.Delete(DataDirectory, recursive: true); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
    }

    public static bool RunningAsRoot => OperatingSystem.IsLinux() && Environment.UserName == "root";

    private static int? RunningPort(string binDir, string dataPath)
    {
        var pidFile = Path.Combine(dataPath, "postmaster.pid");
        if (!File.Exists(pidFile)) return null;
        var (exitCode, _) = TryRun(binDir, "pg_ctl", ["-D", dataPath, "status"]);
        if (exitCode != 0) return null;
        // postmaster.pid: line 4 is the port the running server listens on.
        var lines = File.ReadAllLines(pidFile);
        return lines.Length > 3 && int.TryParse(lines[3].Trim(), out var port) ? port : null;
    }

    private static string SocketDirectory()
    {
        var dir = Path.Combine(Path.GetTempPath(), "revisions-pg-sockets");
        Directory.CreateDirectory(dir);
        if (RunningAsRoot) Chown(dir);
        return dir;
    }

    private static string QuoteForServer(string path) => path.Contains(' ') ? $"'{path}'" : path;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Chown(string path) =>
        Exec("chown", ["-R", "postgres:postgres", path], asPostgres: false);

    private static void Run(string binDir, string program, string[] args)
    {
        var (exitCode, output) = TryRun(binDir, program, args);
        if (exitCode != 0)
            throw new InvalidOperationException($"{program} failed (exit {exitCode}):{Environment.NewLine}{output}");
    }

    private static (int, string) TryRun(string binDir, string program, string[] args) =>
        Exec(Path.Combine(binDir, program), args, asPostgres: RunningAsRoot);

    private static (int, string) Exec(string program, string[] args, bool asPostgres)
    {
        var info = new ProcessStartInfo(asPostgres ? "runuser" : program)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            // pg_ctl's server inherits the working directory; the caller's may be unreadable to postgres.
            WorkingDirectory = Path.GetTempPath()
        };
        if (asPostgres)
        {
            foreach (var a in new[] { "-u", "postgres", "--", program }) info.ArgumentList.Add(a);
        }
        foreach (var a in args) info.ArgumentList.Add(a);

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {program}");
        // pg_ctl start leaves the server holding inherited pipes open; read to the end only once it exits.
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(120)))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{program} did not finish within two minutes");
        }
        var output = (stdout.Wait(TimeSpan.FromSeconds(2)) ? stdout.Result : "")
                     + (stderr.Wait(TimeSpan.FromSeconds(2)) ? stderr.Result : "");
        return (process.ExitCode, output);
    }
}

public sealed class PostgresNotInstalledException() : Exception(PostgresBinaries.InstallHelp);
