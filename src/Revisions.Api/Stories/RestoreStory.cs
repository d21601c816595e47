using Marten;
using Revisions.Api.Http;
using Wolverine.Http;

namespace Revisions.Api.Stories;

public sealed record RestoreStory(int Version, int? ExpectedVersion, string? Note);

public static class RestoreStoryEndpoint
{
    /// <summary>Brings back the content of an earlier version as a new version; history is never rewritten.</summary>
    [WolverinePost("/api/stories/{id}/restore", OperationId = "RestoreStory")]
    [Tags("Stories")]
    public static Task<IResult> Post(string id, RestoreStory command, HttpContext context, IDocumentSession session, CancellationToken cancellation) =>
        StoryWrites.ApplyAsync(context, session, id, command.ExpectedVersion,
            async (story, editor, token) =>
            {
                if (command.Version < 1 || command.Version > story.Version)
                    return Decision.Refuse(Problems.NoSuchVersion(story.Version, command.Version));
                var earlier = await StoryVersion.LoadAsync(session, story.Id, command.Version, token);
                return new Decision(story.Restore(command.Version, earlier!.Story.Content, editor, command.Note));
            },
            cancellation);
}
