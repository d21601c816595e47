using JasperFx.Events;

namespace Revisions.Api.Stories;

public static class EventTime
{
    /// <summary>
    /// An event's time as PostgreSQL keeps it (microseconds). Inline projections see the finer clock value
    /// before it is stored; rounding here makes a rebuilt read model equal the inline one to the tick.
    /// </summary>
    public static DateTimeOffset Of(IEvent e) =>
        new(e.Timestamp.UtcTicks - e.Timestamp.UtcTicks % 10, TimeSpan.Zero);
}
