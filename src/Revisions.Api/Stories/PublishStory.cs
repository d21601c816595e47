using Marten;
using Revisions.Api.Corrections;
using Wolverine.Http;

namespace Revisions.Api.Stories;

public sealed record PublishStory(int? ExpectedVersion, string? Note, string? NoteKind);

public static class PublishStoryEndpoint
{
    /// <summary>
    /// Makes the current content the published one; publishing what is already live changes nothing. A typed
    /// note (<c>noteKind</c>) is attached to the content going live. Going live again with a substantive change
    /// and no public note raises a stealth-edit flag for the standards desk.
    /// </summary>
    [WolverinePost("/api/stories/{id}/publish", OperationId = "PublishStory")]
    [Tags("Stories")]
    public static Task<IResult> Post(string id, PublishStory command, HttpContext context, IDocumentSession session, CancellationToken cancellation)
    {
        if (!TypedNote.TryRead(command.NoteKind, command.Note, out var kind, out var noteProblem)) return Task.FromResult(noteProblem!);

        return StoryWrites.ApplyAsync(context, session, id, command.ExpectedVersion,
            async (story, editor, token) =>
            {
                var noted = TypedNote.Events(story, kind, command.Note, story.ContentVersion, editor);
                var state = story.Then(noted, DateTimeOffset.UtcNow);
                var published = state.Publish(editor, kind is null ? command.Note : null);
                if (published.Count == 0) return new Decision([.. noted]);

                var flag = await StealthEditCheck.CheckAsync(session, state, editor, token);
                return new Decision([.. noted, .. published, .. flag is null ? [] : new object[] { flag }]);
            },
            cancellation);
    }
}
