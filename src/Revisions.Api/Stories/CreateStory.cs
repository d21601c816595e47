using Marten;
using Revisions.Api.Hosting;
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
        var (key, earlier, keyProblem) = await Idempotency.BeginAsync(context, session, cancellation);
        if (keyProblem is not null) return keyProblem;
        if (earlier is not null) return await CreatedAsync(context, session, earlier.StoryId, cancellation);
        var content = command.ToContent();
        var problems = ContentRules.Check(content, limits);
        if (problems.Count > 0) return Problems.InvalidContent(problems);
        if (command.Slug is not null && !Slug.IsValid(command.Slug))
            return Problems.BadRequest("The slug is not valid",
                $"A slug is 1 to {Slug.MaxLength} lower-case letters, digits and single hyphens, such as 'istanbul-talks-resume'.");

        var slug = command.Slug ?? await StorySlugs.FreeAsync(session, Slug.FromHeadline(content.Headline), cancellation);
        if (slug is null || await StorySlugs.TakenAsync(session, slug, cancellation))
            return key is not null && (await key.FindAsync(session, cancellation)).Earlier is { } committed
                ? await CreatedAsync(context, session, committed.StoryId, cancellation)
                : Problems.Conflict("The slug is taken", $"Another story already uses the slug '{command.Slug ?? Slug.FromHeadline(content.Headline)}'.");

        var id = Guid.CreateVersion7();
        session.Events.StartStream<Story>(id, Story.Create(id, slug, content, editor, command.Note));
        key?.Remember(session, new IdempotencyRecord { Status = 201, Location = Location(id), StoryId = id, FromVersion = 0, ToVersion = 1 });
        try
        {
            await session.SaveChangesAsync(cancellation);
        }
        catch (Exception e) when (Database.IsUniqueViolation(e))
        {
            // The slug or this request's key was taken meanwhile; if by a request with the same key, answer as it did.
            if (key is not null && (await key.FindAsync(session, cancellation)).Earlier is { } committed)
                return await CreatedAsync(context, session, committed.StoryId, cancellation);
            return Problems.Conflict("The slug is taken", $"Another story took the slug '{slug}' a moment ago; save again.");
        }

        return await CreatedAsync(context, session, id, cancellation);
    }

    private static string Location(Guid id) => $"/api/stories/{id}";

    /// <summary>Version 1 as created: the answer to the create, and to any retry of it with the same key.</summary>
    private static async Task<IResult> CreatedAsync(HttpContext context, IQuerySession session, Guid id, CancellationToken cancellation)
    {
        var created = (await StoryVersion.LoadAsync(session, id, 1, cancellation))!;
        Versions.SetETag(context, created.Story.Version);
        return Results.Created(Location(id), StoryView.Of(created.Story));
    }
}
