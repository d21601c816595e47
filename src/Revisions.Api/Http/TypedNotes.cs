using Microsoft.AspNetCore.Mvc;
using Revisions.Domain.Corrections;
using Revisions.Domain.Stories;

namespace Revisions.Api.Http;

/// <summary>
/// A save or publish may carry a typed note: <c>"noteKind": "correction"</c> with the note's text in
/// <c>"note"</c>. Without a kind, the note is the editor's internal remark on the version.
/// </summary>
public static class TypedNotes
{
    /// <summary>Why the note cannot be taken (unknown kind, no text, too long, control characters); null when it can.</summary>
    public static ProblemDetails? Problem(string? kind, string? text)
    {
        if (kind is not null)
        {
            if (!NoteKinds.TryParse(kind, out _))
                return Problems.BadRequest("Unknown note kind", $"'{kind}' is not a note kind; use one of: {NoteKinds.Allowed}.").ProblemDetails;
            if (!TextRules.HasVisibleCharacter(text))
                return Problems.BadRequest("A note needs its text", "Give the note's text in \"note\" (readers see it for corrections, clarifications and updates).").ProblemDetails;
        }
        if (text is null) return null;
        var problems = new List<ContentProblem>();
        if (text.Length > NoteKinds.MaxTextLength)
            problems.Add(new("note", $"A note is at most {NoteKinds.MaxTextLength} characters.", Oversize: true));
        else if (text.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
            problems.Add(new("note", "The note contains a control character."));
        return problems.Count == 0 ? null : Problems.InvalidContent(problems).ProblemDetails;
    }

    /// <summary>The note as the story records it; call once <see cref="Problem"/> has found nothing wrong.</summary>
    public static ChangeNote Read(string? kind, string? text) =>
        kind is null ? new ChangeNote(text) : new ChangeNote(text, NoteKinds.TryParse(kind, out var k) ? k : throw new ArgumentException($"Unknown note kind '{kind}'.", nameof(kind)));
}
