using Marten;
using Revisions.Domain.Stories;
using Wolverine.Http;

namespace Revisions.Api.Stories;

public sealed record PublishStory(int? ExpectedVersion, string? Note);

public static class PublishStoryEndpoint
{
    /// <summary>Makes the current content the published one. Publishing what is already live changes nothing.</summary>
    [WolverinePost("/api/stories/{id}/publish", OperationId = "PublishStory")]
    [Tags("Stories")]
    public static Task<IResult> Post(string id, PublishStory command, HttpContext context, IDocumentSession session, CancellationToken cancellation) =>
        StoryWrites.ApplyAsync(context, session, id, command.ExpectedVersion,
            (story, editor, _) => Task.FromResult(new Decision(story.Publish(editor, command.Note))),
            cancellation);
}
