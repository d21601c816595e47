using System.Diagnostics;

namespace Revisions.Api.Hosting;

/// <summary>Finds the PostgreSQL server programs (initdb, pg_ctl) installed on this machine.</summary>
public static class PostgresBinaries
{
    public const string InstallHelp =
        """
        Revisions stores stories in PostgreSQL and could not find a PostgreSQL server on this machine.
        Either install the server programs and run again:
          Debian/Ubuntu:  sudo apt-get install -y postgresql
          Fedora/RHEL:    sudo dnf install -y postgresql-server
          macOS:          brew install postgresql@16
          (or point REVISIONS_PG_BIN at the folder holding initdb and pg_ctl)
        or give it a database to use:
          ConnectionStrings__Revisions="Host=localhost;Port=5432;Database=revisions;Username=postgres;Password=..." dotnet run --project src/Revisions.Api
        """;

    /// <summary>The folder holding initdb and pg_ctl, newest major version first; null when none is installed.</summary>
    public static string? Find()
    {
        foreach (var dir in Candidates())
        {
            if (File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl")))
                return dir;
        }
        return null;
    }

    private static IEnumerable<string> Candidates()
    {
        var fromEnv = Environment.GetEnvironmentVariable("REVISIONS_PG_BIN");
        if (!string.IsNullOrWhiteSpace(fromEnv)) yield return fromEnv;

        foreach (var root in new[] { "/usr/lib/postgresql", "/usr/pgsql", "/opt/homebrew/opt", "/usr/local/opt" })
        {
            if (!Directory.Exists(root)) continue;
            var versions = Directory.GetDirectories(root)
                .Where(d => root.EndsWith("opt") ? Path.GetFileName(d).StartsWith("postgresql") : true)
                .OrderByDescending(d => MajorVersion(Path.GetFileName(d)));
            foreach (var v in versions) yield return Path.Combine(v, "bin");
        }
        foreach (var fixedDir in new[] { "/usr/local/pgsql/bin", "/usr/pgsql/bin" }) yield return fixedDir;

        var fromConfig = PgConfigBinDir();
        if (fromConfig is not null) yield return fromConfig;

        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            yield return dir;
    }

    private static int MajorVersion(string name) =>
        int.TryParse(new string(name.Where(char.IsDigit).ToArray()), out var v) ? v : 0;

    private static string? PgConfigBinDir()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("pg_config", "--bindir")
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false
            });
            if (process is null) return null;
            var output = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit(5_000);
            return process.ExitCode == 0 && output.Length > 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // pg_config is not installed
        }
    }
}
