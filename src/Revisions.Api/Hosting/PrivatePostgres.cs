using System.Diagnostics;
using System.Text;
using Npgsql;

namespace Revisions.Api.Hosting;

/// <summary>
/// A PostgreSQL server of Revisions' own, started from the server programs on this machine when no
/// connection string is configured: initdb on first use, pg_ctl start on a free loopback port, pg_ctl stop
/// when disposed. As root the server runs as the <c>postgres</c> user, since PostgreSQL refuses to run as root.
/// Everything the server writes stays under its directory (data, log, Unix socket): nothing is shared in
/// /tmp, so servers of different users, or two directories of one user, never meet.
/// </summary>
public sealed partial class PrivatePostgres : IDisposable
{
    // sun_path holds 108 bytes with its terminating zero; PostgreSQL refuses a longer socket path.
    private const int MaxSocketPath = 107;
    private const int LogLinesShown = 20;

    private readonly string _binDir;
    private readonly bool _deleteOnDispose;
    private readonly string _settings;
    private readonly Lock _gate = new();
    private bool _ownsServer;
    private bool _disposed;
    // The write end of a pipe to a small shell that stops the server when this process ends, however it ends
    // (a SIGKILL gives no chance to run Dispose). Held for the life of this object: closing it is the signal.
    private Process? _keeper;

    public string DataDirectory { get; }
    public int Port { get; }
    public string LogFile => Path.Combine(DataDirectory, "server.log");
    /// <summary>Where the server's Unix socket is, or null when it listens on TCP only.</summary>
    public string? SocketDirectory { get; }
    private string DataPath => Path.Combine(DataDirectory, "data");

    private PrivatePostgres(string binDir, string dataDirectory, int port, string settings, string? socketDirectory,
        bool ownsServer, bool deleteOnDispose, Process? keeper = null)
    {
        _keeper = keeper;
        _binDir = binDir;
        DataDirectory = dataDirectory;
        Port = port;
        _settings = settings;
        SocketDirectory = socketDirectory;
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
    /// A throwaway server skips durability work (fsync) and deletes its directory when disposed, or when this
    /// process ends without disposing it.
    /// </summary>
    /// <exception cref="PostgresNotInstalledException">No server programs on this machine.</exception>
    /// <exception cref="PostgresFailedException">initdb or the server failed; the message holds the server's own words.</exception>
    public static PrivatePostgres Start(string dataDirectory, bool throwaway, Action<string>? log = null)
    {
        var binDir = PostgresBinaries.Find() ?? throw new PostgresNotInstalledException();
        dataDirectory = Path.GetFullPath(dataDirectory);
        Directory.CreateDirectory(dataDirectory);
        if (RunningAsRoot) Chown(dataDirectory);
        // A throwaway directory is this process's from the start: should it die during initdb or start-up,
        // the directory still goes.
        var keeper = throwaway ? StartKeeper(binDir, dataDirectory, removeDirectory: true) : null;

        var dataPath = Path.Combine(dataDirectory, "data");
        if (!File.Exists(Path.Combine(dataPath, "PG_VERSION")))
        {
            log?.Invoke($"Creating a PostgreSQL cluster in {dataPath}");
            var (exitCode, output) = TryRun(binDir, "initdb", ["-D", dataPath, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-locale", "--no-instructions"]);
            if (exitCode != 0)
                throw new PostgresFailedException($"initdb could not create a PostgreSQL cluster in {dataPath} (exit {exitCode}):{Environment.NewLine}{output.Trim()}");
        }

        var sockets = SocketDirectoryFor(dataDirectory);
        var runningPort = RunningPort(binDir, dataPath);
        var port = runningPort ?? FreePort();
        // The same for a server another process started here: this process can start it again should it die.
        var settings = $"-p {port} -c listen_addresses=127.0.0.1 -k {ShellQuote(sockets ?? "")}";
        if (throwaway) settings += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
        settings += " -c max_connections=200";
        if (runningPort is not null)
        {
            log?.Invoke($"Using the PostgreSQL server already running on port {runningPort}");
            return new PrivatePostgres(binDir, dataDirectory, port, settings, sockets, ownsServer: false, deleteOnDispose: false, keeper);
        }

        var server = new PrivatePostgres(binDir, dataDirectory, port, settings, sockets, ownsServer: true, deleteOnDispose: throwaway, keeper);
        server.StartServer();
        log?.Invoke($"Started PostgreSQL on 127.0.0.1:{port} (data in {dataPath}, log in {server.LogFile})");
        return server;
    }

    /// <summary>True while the server's postmaster is alive (read afresh from its postmaster.pid).</summary>
    public bool IsRunning => PostmasterPid is { } pid && ProcessIsAlive(pid, DataPath);

    /// <summary>The postmaster's process id, from its postmaster.pid; null when the file is not there.</summary>
    public int? PostmasterPid => ReadPostmasterPid(DataPath);

    /// <summary>
    /// Starts the server again after it died (its postmaster crashed or was killed), on the same port with the
    /// same settings, so connection strings handed out stay valid. Nothing happens once disposed. A server this
    /// process only joined becomes its own from then on, and stops with it.
    /// </summary>
    /// <exception cref="PostgresFailedException">It did not start (yet): for example, the old server's
    /// processes still hold its shared memory, or another program took the port. Try again later.</exception>
    public void StartAgain()
    {
        lock (_gate)
        {
            if (_disposed || IsRunning) return;
            StartServer();
            _ownsServer = true;
        }
    }

    /// <summary>
    /// Stops the server the way a crash would (pg_ctl -m immediate: no checkpoint, recovery from the WAL on
    /// start) and starts it again with the same settings; for tests that prove nothing acknowledged is lost.
    /// </summary>
    public void RestartImmediate()
    {
        if (!_ownsServer) throw new InvalidOperationException("Only a server this process started can be restarted by it.");
        var (exitCode, output) = TryRun(_binDir, "pg_ctl", ["-D", DataPath, "-m", "immediate", "-l", LogFile, "-w", "-t", "60", "restart"]);
        if (exitCode != 0) throw new PostgresFailedException(StartFailure(exitCode, output));
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
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
        }
        if (_ownsServer)
        {
            NpgsqlConnection.ClearAllPools();
            // Already stopped (for example by the operating system at shutdown) is as good as stopped.
            TryRun(_binDir, "pg_ctl", ["-D", DataPath, "-m", "fast", "-w", "stop"]);
        }
        if (_deleteOnDispose)
        {
            try { Directory.Delete(DataDirectory, recursive: true); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        // Its work is done; closing the pipe lets it run its (now empty-handed) stop and exit.
        _keeper?.StandardInput.Close();
    }

    /// <summary>
    /// Stops the server left running in <paramref name="dataDirectory"/> by a process that is gone, if any,
    /// and deletes the directory: for sweeping up after runs that ended before they could clean up.
    /// </summary>
    public static void RemoveAbandoned(string dataDirectory)
    {
        var dataPath = Path.Combine(dataDirectory, "data");
        if (ReadPostmasterPid(dataPath) is { } pid && ProcessIsAlive(pid, dataPath) && PostgresBinaries.Find() is { } binDir)
            TryRun(binDir, "pg_ctl", ["-D", dataPath, "-m", "immediate", "-w", "stop"]);
        try { Directory.Delete(dataDirectory, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    public static bool RunningAsRoot => OperatingSystem.IsLinux() && Environment.UserName == "root";

    private void StartServer()
    {
        var (exitCode, output) = TryRun(_binDir, "pg_ctl", ["-D", DataPath, "-o", _settings, "-l", LogFile, "-w", "-t", "60", "start"]);
        if (exitCode != 0) throw new PostgresFailedException(StartFailure(exitCode, output));
        _keeper ??= StartKeeper(_binDir, DataDirectory, _deleteOnDispose);
    }

    private string StartFailure(int exitCode, string output)
    {
        var message = new StringBuilder($"PostgreSQL did not start (pg_ctl exit {exitCode}).");
        if (output.Trim() is { Length: > 0 } said) message.AppendLine().Append(said);
        message.AppendLine().AppendLine();
        try
        {
            var tail = File.ReadLines(LogFile).TakeLast(LogLinesShown).ToList();
            message.AppendLine(tail.Count == 0 ? $"Its log, {LogFile}, is empty." : $"The last lines of its log, {LogFile}:");
            foreach (var line in tail) message.Append("  ").AppendLine(line);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            message.AppendLine($"Its log, {LogFile}, could not be read: {e.Message}");
        }
        return message.ToString().TrimEnd();
    }
}

public sealed class PostgresNotInstalledException() : Exception(PostgresBinaries.InstallHelp);

/// <summary>The private server could not be created or started; the message quotes what it said and where its log is.</summary>
public sealed class PostgresFailedException(string message) : InvalidOperationException(message);
