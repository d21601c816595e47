using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace Revisions.Api.Hosting;

/// <summary>The server's processes: pg_ctl and friends run as the right user, the keeper, the postmaster's pid and port.</summary>
public sealed partial class PrivatePostgres
{
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
