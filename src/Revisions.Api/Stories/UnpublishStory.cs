using Marten;
using Revisions.Domain.Stories;
using Wolverine.Http;

namespace Revisions.Api.Stories;

public sealed record UnpublishStory(int? ExpectedVersion, string? Note);

public static class UnpublishStoryEndpoint
{
    /// <summary>Takes the story down; readers no longer see it. Its history stays.</summary>
    [WolverinePost("/api/stories/{id}/unpublish", OperationId = "UnpublishStory")]
    [Tags("Stories")]
    public static Task<IResult> Post(string id, UnpublishStory command, HttpContext context, IDocumentSession session, CancellationToken cancellation) =>
        StoryWrites.ApplyAsync(context, session, id, command.ExpectedVersion,
            (story, editor, _) => Task.FromResult(new Decision(story.Unpublish(editor, command.Note))),
            cancellation);
}
