using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Revisions.Load;

/// <summary>
/// Counts the commands Npgsql sends (one per command or batch, i.e. per round trip; the commit is not a command
/// and is not counted), from Npgsql's command-duration measurements. Listening to its traces instead would make
/// Npgsql build a span, and copy the batch's SQL text, for every command the server sends: work the API as
/// shipped does not do. With REVISIONS_BENCH_SQL=1 it listens to the traces to print each statement.
/// </summary>
public sealed class RoundTrips : IDisposable
{
    public static readonly bool Print = Environment.GetEnvironmentVariable("REVISIONS_BENCH_SQL") == "1";

    private readonly IDisposable _listener;
    private long _count;

    public RoundTrips(bool print = true)
    {
        _listener = print && Print ? Statements() : Commands();
    }

    public long Count => Interlocked.Read(ref _count);

    public void Dispose() => _listener.Dispose();

    private MeterListener Commands()
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == "Npgsql" && instrument.Name == "db.client.commands.duration") l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((_, _, _, _) => Interlocked.Increment(ref _count));
        listener.Start();
        return listener;
    }

    private ActivityListener Statements()
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                Interlocked.Increment(ref _count);
                var sql = (activity.GetTagItem("db.query.text") ?? activity.GetTagItem("db.statement"))?.ToString() ?? activity.DisplayName;
                if (!sql.Contains("wolverine_")) Console.WriteLine("SQL: " + sql.ReplaceLineEndings(" ")[..Math.Min(200, sql.Length)]);
            }
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }
}
