using System.Diagnostics;

namespace Revisions.Load;

/// <summary>
/// CPU seconds used so far by this process (the API and the load driver) and by the benchmark's PostgreSQL
/// (Linux /proc: its postmaster and the postmaster's children, so other servers on the machine, such as a test
/// run's, are not counted). The difference of two samples shows which side a phase kept busy.
/// </summary>
public readonly record struct CpuTime(double Api, double Postgres)
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    /// <summary>The benchmark server's postmaster, once it runs; until then every PostgreSQL process counts.</summary>
    public static int? Postmaster { get; set; }

    public static CpuTime Now() => new(Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds, PostgresSeconds());

    /// <summary>CPU seconds of the benchmark's PostgreSQL so far.</summary>
    public static double PostgresNow() => PostgresSeconds();

    public static CpuTime operator -(CpuTime after, CpuTime before) => new(after.Api - before.Api, after.Postgres - before.Postgres);

    public override string ToString() => $"CPU: this process {Api:F1} s, PostgreSQL {Postgres:F1} s";

    private static double PostgresSeconds()
    {
        double ticks = 0;
        foreach (var dir in Directory.Exists("/proc") ? Directory.EnumerateDirectories("/proc") : [])
        {
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                // pid (comm) state ppid … utime stime cutime cstime (fields 14–17): the postmaster's cutime and cstime
                // hold the time of backends that have exited, so connections closed during a phase still count.
                var close = stat.LastIndexOf(')');
                if (!stat.AsSpan(0, close).EndsWith("(postgres")) continue;
                var fields = stat[(close + 2)..].Split(' ');
                if (Postmaster is { } postmaster && Path.GetFileName(dir) != postmaster.ToString() && fields[1] != postmaster.ToString()) continue;
                for (var f = 11; f <= 14; f++) ticks += double.Parse(fields[f], System.Globalization.CultureInfo.InvariantCulture);
            }
            catch (IOException) { } // the process ended meanwhile
            catch (UnauthorizedAccessException) { }
        }
        return ticks / TicksPerSecond;
    }
}
