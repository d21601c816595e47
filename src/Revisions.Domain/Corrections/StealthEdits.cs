using Revisions.Domain.Stories;

namespace Revisions.Domain.Corrections;

/// <summary>
/// A published story went live again with a substantive change (a number, a name, a quote, the headline,
/// a paragraph added or removed) and no public note saying so.
/// </summary>
public sealed record StealthEditFlagged(
    Guid StoryId,
    Guid FlagId,
    int FromContentVersion,
    int ToContentVersion,
    IReadOnlyList<string> Changes,
    string Summary,
    string Editor) : IStoryEvent
{
    public string? Note => null;
}

/// <summary>A public note now covers the flagged change.</summary>
public sealed record StealthEditFlagResolved(Guid StoryId, Guid FlagId, Guid NoteId, string Editor) : IStoryEvent
{
    public string? Note => null;
}

/// <summary>A standards editor judged the flag unfounded; the reason stays on record.</summary>
public sealed record StealthEditFlagDismissed(Guid StoryId, Guid FlagId, string Reason, string Editor) : IStoryEvent
{
    public string? Note => Reason;
}

/// <summary>A flag that no note or dismissal has closed yet.</summary>
public sealed record OpenFlag(Guid FlagId, int FromContentVersion, int ToContentVersion);
