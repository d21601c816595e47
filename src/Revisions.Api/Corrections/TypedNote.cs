using Revisions.Api.Http;
using Revisions.Domain.Standards;
using Revisions.Domain.Stories;

namespace Revisions.Api.Corrections;

/// <summary>
/// A save or publish may carry a typed note: <c>"noteKind": "correction"</c> with the note's text in
/// <c>"note"</c>. Without a kind, the note is the editor's internal remark on the version.
/// </summary>
public static class TypedNote
{
    public static bool TryRead(string? kind, string? text, out NoteKind? noteKind, out IResult? problem)
    {
        noteKind = null;
        problem = null;
        if (kind is null) return CheckLength(text, out problem);
        if (!NoteKinds.TryParse(kind, out var parsed))
        {
            problem = Problems.BadRequest("Unknown note kind", $"'{kind}' is not a note kind; use one of: {NoteKinds.Allowed}.");
            return false;
        }
        if (string.IsNullOrWhiteSpace(text))
        {
            problem = Problems.BadRequest("A note needs its text", "Give the note's text in \"note\" (readers see it for corrections, clarifications and updates).");
            return false;
        }
        noteKind = parsed;
        return CheckLength(text, out problem);
    }

    private static bool CheckLength(string? text, out IResult? problem)
    {
        problem = null;
        if (text is null) return true;
        var problems = new List<ContentProblem>();
        if (text.Length > NoteKinds.MaxTextLength)
            problems.Add(new("note", $"A note is at most {NoteKinds.MaxTextLength} characters.", Oversize: true));
        else if (text.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
            problems.Add(new("note", "The note contains a control character."));
        if (problems.Count == 0) return true;
        problem = Problems.InvalidContent(problems);
        return false;
    }

    /// <summary>The note events for a typed note about <paramref name="aboutVersion"/>; none without a kind.</summary>
    public static IReadOnlyList<object> Events(Story story, NoteKind? kind, string? text, int aboutVersion, string editor) =>
        kind is { } k ? story.AddNote(Guid.CreateVersion7(), k, text!, aboutVersion, editor) : [];
}
