using Revisions.Domain.Stories;

namespace Revisions.Domain.Legal;

/// <summary>A story is under legal hold: its history may not be altered or deleted until the hold is lifted.</summary>
public sealed record LegalHoldPlaced(Guid StoryId, Guid HoldId, string Reason, string Editor) : IStoryEvent
{
    public string? Note => Reason;
}

public sealed record LegalHoldLifted(Guid StoryId, Guid HoldId, string Reason, string Editor) : IStoryEvent
{
    public string? Note => Reason;
}

/// <summary>
/// Text the law requires to go (privacy erasure) was masked in the stored events and read models. Only the
/// text's SHA-256 is recorded, never the text; the hash chain keeps the original content hashes.
/// </summary>
public sealed record TextErased(Guid StoryId, Guid ErasureId, string TextHash, IReadOnlyList<long> Versions, string Reason, string Editor) : IStoryEvent
{
    public string? Note => Reason;

    /// <summary>What the redactions in force cover of the masked text from now on (absent when none was touched).</summary>
    public IReadOnlyList<RedactionCover>? Redactions { get; init; }
}

/// <summary>An attempt to alter a story's history was refused because of a legal hold; kept on record.</summary>
public sealed record AlterationRefused(Guid StoryId, string Attempt, IReadOnlyList<Guid> Holds, string Editor) : IStoryEvent
{
    public string? Note => Attempt;
}

public static class LegalHolds
{
    public const string ErasedMarker = "[erased]";

    public static Decision PlaceHold(this Story story, string reason, string editor) =>
        Decision.Append(new LegalHoldPlaced(story.Id, Guid.CreateVersion7(), reason.Trim(), editor));

    public static Decision LiftHold(this Story story, Guid holdId, string reason, string editor) =>
        story.ActiveHolds.Contains(holdId)
            ? Decision.Append(new LegalHoldLifted(story.Id, holdId, reason.Trim(), editor))
            : Decision.Refuse(RefusalKind.NotFound, "Not found", $"The story has no hold {holdId} in force.");

    /// <summary>The refusal to record when an alteration meets a hold, or null when the story is free.</summary>
    public static AlterationRefused? RefuseIfHeld(this StoryState story, string attempt, string editor) =>
        story.ActiveHolds.Count > 0 ? new AlterationRefused(story.Id, attempt, story.ActiveHolds, editor) : null;
}
