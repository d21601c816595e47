using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Revisions.Api.Http;
using Revisions.Api.Stories;
using Revisions.Domain.Corrections;
using Revisions.Domain.Stories;
using Wolverine.Http;

namespace Revisions.Api.Corrections;

public sealed record AddNote(string? Kind, string? Text, int? Version, int? ExpectedVersion);

public sealed record NoteAdded(Guid NoteId, int AboutVersion, NoteKind Kind, string Text, IReadOnlyList<Guid> ResolvedFlags, StoryView Story);

public static class AddNoteEndpoint
{
    public static ProblemDetails Validate(AddNote command) =>
        command.Kind is null
            ? Problems.BadRequest("A note needs a kind", $"Give \"kind\": one of {NoteKinds.Allowed}.").ProblemDetails
            : TypedNotes.Problem(command.Kind, command.Text) ?? WolverineContinue.NoProblems;

    /// <summary>
    /// Attaches a typed note to the content of an existing version (the latest content version by default; a
    /// publish or any other version that saved no content stands for the content it showed, and the answer's
    /// <c>aboutVersion</c> names it). A public note (correction, clarification, update) resolves the open
    /// stealth-edit flags it covers.
    /// </summary>
    [WolverinePost("/api/stories/{id}/notes", OperationId = "AddNote")]
    [Tags("Corrections"), Authorize(Policy = Policies.NoteWriters), ProblemResponses(400, 404, 409, 413, 422)]
    public static async Task<Results<Created<NoteAdded>, ProblemHttpResult>> Post(string id, AddNote command, HttpContext context, IDocumentSession session)
    {
        var change = await StoryChange.OpenAdditionAsync(context, session, id, command.ExpectedVersion, Added);
        if (change.Answered) return change.Answer;
        var note = TypedNotes.Read(command.Kind, command.Text);
        var named = await change.VersionAsync(command.Version);
        return await change.SaveAsync(change.Story.AddNote(note.Kind!.Value, note.Text!, command.Version, named, change.Editor));
    }

    private static Created<NoteAdded> Added(Story story, IReadOnlyList<object> events)
    {
        var noted = events.OfType<StoryNoted>().Single();
        var resolved = events.OfType<StealthEditFlagResolved>().Select(r => r.FlagId).ToList();
        return TypedResults.Created($"/api/corrections/{noted.NoteId}",
            new NoteAdded(noted.NoteId, noted.AboutVersion, noted.Kind, noted.Text, resolved, StoryView.Of(story)));
    }
}
