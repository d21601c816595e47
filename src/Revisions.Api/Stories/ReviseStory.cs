using Marten;
using Revisions.Api.Http;
using Revisions.Domain.Stories;
using Wolverine.Http;

namespace Revisions.Api.Stories;

/// <summary>The full new content, as a CMS saves it, and the version the editor started from.</summary>
public sealed record ReviseStory(
    string? Headline,
    string? ShortHeadline,
    string? Standfirst,
    string? Byline,
    IReadOnlyList<Block>? Body,
    string? Note,
    int? ExpectedVersion) : IStoryFields;

public static class ReviseStoryEndpoint
{
    /// <summary>Saves new content as the next version; saving identical content changes nothing.</summary>
    [WolverinePut("/api/stories/{id}", OperationId = "ReviseStory")]
    [Tags("Stories")]
    public static Task<IResult> Put(string id, ReviseStory command, HttpContext context, IDocumentSession session, ContentLimits limits, CancellationToken cancellation)
    {
        var content = command.ToContent();
        var problems = ContentRules.Check(content, limits);
        if (problems.Count > 0) return Task.FromResult(Problems.InvalidContent(problems));

        return StoryWrites.ApplyAsync(context, session, id, command.ExpectedVersion,
            (story, editor, _) => Task.FromResult(new Decision(story.Revise(content, editor, command.Note))),
            cancellation);
    }
}
