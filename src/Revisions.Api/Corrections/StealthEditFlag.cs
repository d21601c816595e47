using JasperFx.Events;
using Marten.Events.Projections;
using Revisions.Api.Stories;
using Revisions.Domain.Corrections;

namespace Revisions.Api.Corrections;

public enum FlagStatus
{
    Open,
    Resolved,
    Dismissed
}

/// <summary>A stealth-edit flag as the standards desk follows it, from raised to resolved or dismissed.</summary>
public sealed record StealthEditFlag
{
    public Guid Id { get; init; }
    public Guid StoryId { get; init; }
    public FlagStatus Status { get; init; }
    public int FromContentVersion { get; init; }
    public int ToContentVersion { get; init; }
    /// <summary>The stream version at which the flag was raised (just after the publish).</summary>
    public int RaisedAtVersion { get; init; }
    public IReadOnlyList<string> Changes { get; init; } = [];
    public string Summary { get; init; } = "";
    public DateTimeOffset RaisedAt { get; init; }
    public string PublishedBy { get; init; } = "";
    public DateTimeOffset? ClosedAt { get; init; }
    public string? ClosedBy { get; init; }
    public Guid? ResolvedByNote { get; init; }
    public string? DismissalReason { get; init; }
}

public sealed class StealthEditFlagProjection : MultiStreamProjection<StealthEditFlag, Guid>
{
    public StealthEditFlagProjection()
    {
        Identity<StealthEditFlagged>(e => e.FlagId);
        Identity<StealthEditFlagResolved>(e => e.FlagId);
        Identity<StealthEditFlagDismissed>(e => e.FlagId);
    }

    /// <summary>The flag an event is about, if it is about one.</summary>
    public static Guid? FlagOf(object data) => data switch
    {
        StealthEditFlagged f => f.FlagId,
        StealthEditFlagResolved r => r.FlagId,
        StealthEditFlagDismissed d => d.FlagId,
        _ => null
    };

    public override StealthEditFlag Evolve(StealthEditFlag? snapshot, Guid id, IEvent e) => e.Data switch
    {
        StealthEditFlagged f => new StealthEditFlag
        {
            Id = f.FlagId, StoryId = f.StoryId, Status = FlagStatus.Open, FromContentVersion = f.FromContentVersion,
            ToContentVersion = f.ToContentVersion, RaisedAtVersion = (int)e.Version, Changes = f.Changes,
            Summary = f.Summary, RaisedAt = EventTime.Of(e), PublishedBy = f.Editor
        },
        StealthEditFlagResolved r => snapshot! with
        {
            Status = FlagStatus.Resolved, ClosedAt = EventTime.Of(e), ClosedBy = r.Editor, ResolvedByNote = r.NoteId
        },
        StealthEditFlagDismissed d => snapshot! with
        {
            Status = FlagStatus.Dismissed, ClosedAt = EventTime.Of(e), ClosedBy = d.Editor, DismissalReason = d.Reason
        },
        _ => snapshot!
    };
}
