using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
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
public sealed class PrivatePostgres : IDisposable
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

    /// <summary>
    /// A shell, detached from this process's tree (so that killing the tree does not take it along) and deaf to
    /// Ctrl-C and hang-ups, that waits for the end of its standard input: the pipe closes when this process
    /// exits, even on SIGKILL. Then it stops the server and, for a throwaway server, deletes its directory.
    /// </summary>
    private static Process? StartKeeper(string binDir, string dataDirectory, bool removeDirectory)
    {
        if (OperatingSystem.IsWindows()) return null;
        const string script =
            """
            exec 3<&0 </dev/null >/dev/null 2>&1
            trap '' INT TERM HUP
            remove=$1; shift
            ( cat <&3 >/dev/null; "$@"; if [ -n "$remove" ]; then rm -rf -- "$remove"; fi ) &
            """;
        var info = new ProcessStartInfo("sh") { RedirectStandardInput = true, UseShellExecute = false, WorkingDirectory = NeutralDirectory };
        foreach (var a in new[] { "-c", script, "revisions-postgres-keeper", removeDirectory ? dataDirectory : "" }) info.ArgumentList.Add(a);
        if (RunningAsRoot) foreach (var a in new[] { "runuser", "-u", "postgres", "--" }) info.ArgumentList.Add(a);
        var stop = new[] { Path.Combine(binDir, "pg_ctl"), "-D", Path.Combine(dataDirectory, "data"), "-m", removeDirectory ? "immediate" : "fast", "-w", "stop" };
        foreach (var a in stop) info.ArgumentList.Add(a);
        try
        {
            return Process.Start(info);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // no sh: the server then stops only when this process stops normally
        }
    }

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

    private static int? ReadPostmasterPid(string dataPath)
    {
        try
        {
            // postmaster.pid: line 1 is the postmaster's process id.
            var first = File.ReadLines(Path.Combine(dataPath, "postmaster.pid")).FirstOrDefault();
            return int.TryParse(first?.Trim(), out var pid) && pid > 0 ? pid : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Whether <paramref name="pid"/> is alive and is the server of <paramref name="dataPath"/>, not a later process given the same number.</summary>
    private static bool ProcessIsAlive(int pid, string dataPath)
    {
        if (OperatingSystem.IsLinux())
        {
            try
            {
                var stat = File.ReadAllText($"/proc/{pid}/stat");
                // A zombie has exited; only its parent has not collected it yet.
                if (stat[(stat.LastIndexOf(')') + 2)..].FirstOrDefault() == 'Z') return false;
                return File.ReadAllText($"/proc/{pid}/cmdline").Split('\0').Contains(dataPath);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return false; }
        }
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException) { return false; }
        catch (InvalidOperationException) { return false; }
    }

    /// <summary>
    /// The server's Unix socket goes beside its data, private to its owner. A socket path is limited to 107
    /// bytes; for a deeper directory the socket goes to this user's runtime directory (XDG_RUNTIME_DIR), and
    /// without one the server listens on TCP only, which is all Revisions uses.
    /// </summary>
    private static string? SocketDirectoryFor(string dataDirectory)
    {
        if (Fits(dataDirectory)) return dataDirectory;
        var runtime = Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR");
        if (OperatingSystem.IsWindows() || RunningAsRoot || string.IsNullOrEmpty(runtime) || !Directory.Exists(runtime)) return null;
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(dataDirectory)))[..12];
        var directory = Path.Combine(runtime, $"revisions-{hash}");
        if (!Fits(directory)) return null;
        Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return directory;

        static bool Fits(string directory) => Encoding.UTF8.GetByteCount(Path.Combine(directory, ".s.PGSQL.65535.lock")) <= MaxSocketPath;
    }

    // pg_ctl hands -o to a shell ("exec postgres <options>"): quote the one value that comes from outside.
    private static string ShellQuote(string value) => "'" + value.Replace("'", "'\\''") + "'";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Chown(string path) =>
        Exec("chown", ["-R", "postgres:postgres", path], asPostgres: false);

    /// <summary>
    /// Where the server's processes run: pg_ctl's server inherits the working directory, and the caller's may be
    /// unreadable to postgres. The root directory is readable by every user and belongs to none, unlike a temp folder.
    /// </summary>
    private const string NeutralDirectory = "/";

    private static (int, string) TryRun(string binDir, string program, string[] args) =>
        Exec(Path.Combine(binDir, program), args, asPostgres: RunningAsRoot);

    private static (int, string) Exec(string program, string[] args, bool asPostgres)
    {
        var info = new ProcessStartInfo(asPostgres ? "runuser" : program)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            WorkingDirectory = NeutralDirectory
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

/// <summary>The private server could not be created or started; the message quotes what it said and where its log is.</summary>
public sealed class PostgresFailedException(string message) : InvalidOperationException(message);
