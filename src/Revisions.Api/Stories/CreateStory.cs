using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Revisions.Api.Http;
using Revisions.Domain.Stories;
using Wolverine.Http;

namespace Revisions.Api.Stories;

public sealed record CreateStory(
    string? Slug,
    string? Headline,
    string? ShortHeadline,
    string? Standfirst,
    string? Byline,
    IReadOnlyList<Block>? Body,
    string? Note) : IStoryFields;

public static class CreateStoryEndpoint
{
    public static ProblemDetails Validate(CreateStory command, ContentLimits limits) =>
        Problems.ForContent(command.ToContent(), limits)
        ?? (command.Slug is not null && !Slug.IsValid(command.Slug) ? Problems.InvalidSlug().ProblemDetails : null)
        ?? WolverineContinue.NoProblems;

    /// <summary>Starts a story: version 1 of a new stream. The slug is derived from the headline unless given.</summary>
    [WolverinePost("/api/stories", OperationId = "CreateStory")]
    [Tags("Stories"), Authorize(Policy = Policies.Editors), ProblemResponses(400, 409, 413, 422)]
    public static async Task<Results<Created<StoryView>, ProblemHttpResult>> Post(CreateStory command, HttpContext context, IDocumentSession session)
    {
        var content = command.ToContent();
        var start = await StoryStart.OpenAsync(context, session, command.Slug, content.Headline, Created);
        if (start.Answered) return start.Answer;
        return await start.SaveAsync([Story.Create(start.Id, start.Slug, content, start.Editor, command.Note)]);
    }

    /// <summary>Version 1 as created: the answer to the create, and to any retry of it with the same key.</summary>
    private static Created<StoryView> Created(Story story, IReadOnlyList<object> events) =>
        TypedResults.Created(StoryStart.Location(story.Id), StoryView.Of(story));
}
