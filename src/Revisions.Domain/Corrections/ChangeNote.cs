namespace Revisions.Domain.Corrections;

/// <summary>
/// What an editor wrote about a change: an internal remark on the version (no kind), or, with a kind, a typed
/// note (correction, clarification, update, editorial) about the content the change leaves live or saved.
/// </summary>
public sealed record ChangeNote(string? Text, NoteKind? Kind = null)
{
    public static readonly ChangeNote None = new((string?)null);

    /// <summary>The remark stored on the change's own event: only a note without a kind is one.</summary>
    public string? Remark => Kind is null ? Text : null;
}
