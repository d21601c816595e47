using Marten;
using Revisions.Api.Http;
using Revisions.Api.Stories;
using Revisions.Domain.Standards;
using Wolverine.Http;

namespace Revisions.Api.Corrections;

public sealed record AddNote(string? Kind, string? Text, int? Version, int? ExpectedVersion);

public sealed record NoteAdded(Guid NoteId, int AboutVersion, NoteKind Kind, string Text, IReadOnlyList<Guid> ResolvedFlags, StoryView Story);

public static class AddNoteEndpoint
{
    /// <summary>
    /// Attaches a typed note to an existing version (the latest content version by default). A public note
    /// (correction, clarification, update) resolves the open stealth-edit flags it covers.
    /// </summary>
    [WolverinePost("/api/stories/{id}/notes", OperationId = "AddNote")]
    [Tags("Corrections")]
    public static Task<IResult> Post(string id, AddNote command, HttpContext context, IDocumentSession session, CancellationToken cancellation)
    {
        if (command.Kind is null)
            return Task.FromResult(Problems.BadRequest("A note needs a kind", $"Give \"kind\": one of {NoteKinds.Allowed}."));
        if (!TypedNote.TryRead(command.Kind, command.Text, out var kind, out var problem)) return Task.FromResult(problem!);

        return StoryWrites.ApplyAsync(context, session, id, command.ExpectedVersion,
            (story, editor, _) =>
            {
                var about = command.Version ?? story.ContentVersion;
                if (about < 1 || about > story.Version)
                    return Task.FromResult(Decision.Refuse(Problems.NoSuchVersion(story.Version, about)));
                return Task.FromResult(new Decision(TypedNote.Events(story, kind, command.Text, about, editor)));
            },
            cancellation,
            versionRequired: false,
            respond: (story, events) =>
            {
                var noted = events.OfType<StoryNoted>().Single();
                var resolved = events.OfType<StealthEditFlagResolved>().Select(r => r.FlagId).ToList();
                return Results.Created($"/api/corrections/{noted.NoteId}",
                    new NoteAdded(noted.NoteId, noted.AboutVersion, noted.Kind, noted.Text, resolved, StoryView.Of(story)));
            });
    }
}
