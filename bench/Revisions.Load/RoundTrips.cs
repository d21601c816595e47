using System.Diagnostics;

namespace Revisions.Load;

/// <summary>
/// Counts the commands Npgsql sends (one activity per command or batch, i.e. per round trip; the commit is
/// not a command and is not counted). With REVISIONS_BENCH_SQL=1 it also prints each statement.
/// </summary>
public sealed class RoundTrips : IDisposable
{
    public static readonly bool Print = Environment.GetEnvironmentVariable("REVISIONS_BENCH_SQL") == "1";

    private readonly ActivityListener _listener;
    private long _count;

    public RoundTrips(bool print = true)
    {
        print &= Print;
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) =>
                print ? ActivitySamplingResult.AllDataAndRecorded : ActivitySamplingResult.PropagationData,
            ActivityStopped = activity =>
            {
                Interlocked.Increment(ref _count);
                if (!print) return;
                var sql = (activity.GetTagItem("db.query.text") ?? activity.GetTagItem("db.statement"))?.ToString() ?? activity.DisplayName;
                if (!sql.Contains("wolverine_")) Console.WriteLine("SQL: " + sql.ReplaceLineEndings(" ")[..Math.Min(200, sql.Length)]);
            }
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public long Count => Interlocked.Read(ref _count);

    public void Dispose() => _listener.Dispose();
}
