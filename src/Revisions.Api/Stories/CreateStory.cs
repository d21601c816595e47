using Marten;
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
    /// <summary>Starts a story: version 1 of a new stream. The slug is derived from the headline unless given.</summary>
    [WolverinePost("/api/stories", OperationId = "CreateStory")]
    [Tags("Stories")]
    public static async Task<IResult> Post(CreateStory command, HttpContext context, IDocumentSession session, ContentLimits limits, CancellationToken cancellation)
    {
        if (!Editors.TryGet(context, out var editor, out var editorProblem)) return editorProblem!;
        var content = command.ToContent();
        var problems = ContentRules.Check(content, limits);
        if (problems.Count > 0) return Problems.InvalidContent(problems);
        if (command.Slug is not null && !Slug.IsValid(command.Slug))
            return Problems.BadRequest("The slug is not valid",
                $"A slug is 1 to {Slug.MaxLength} lower-case letters, digits and single hyphens, such as 'istanbul-talks-resume'.");

        var slug = command.Slug ?? await StorySlugs.FreeAsync(session, Slug.FromHeadline(content.Headline), cancellation);
        if (slug is null || await StorySlugs.TakenAsync(session, slug, cancellation))
            return Problems.Conflict("The slug is taken", $"Another story already uses the slug '{command.Slug ?? Slug.FromHeadline(content.Headline)}'.");

        var id = Guid.CreateVersion7();
        session.Events.StartStream<Story>(id, Story.Create(id, slug, content, editor, command.Note));
        try
        {
            await session.SaveChangesAsync(cancellation);
        }
        catch (Exception e) when (StorySlugs.IsUniqueViolation(e))
        {
            return Problems.Conflict("The slug is taken", $"Another story took the slug '{slug}' a moment ago; save again.");
        }

        var story = (await session.LoadAsync<Story>(id, cancellation))!;
        Versions.SetETag(context, story.Version);
        return Results.Created($"/api/stories/{id}", StoryView.Of(story));
    }
}
