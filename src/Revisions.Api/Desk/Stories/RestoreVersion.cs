using Marten;
using Revisions.Api.Desk.Shared;
using Revisions.Api.Stories;

namespace Revisions.Api.Desk.Stories;

/// <summary>
/// Restore, from the comparison: the API's restore use case (Stories/RestoreStory.cs) with the version the page
/// showed as the one edited from, so a save made meanwhile is never overwritten.
/// </summary>
public static class RestoreVersion
{
    public static async Task<IResult> Post(string slug, IFormCollection form, HttpContext context, IDocumentSession session, CancellationToken cancellation)
    {
        var version = DeskForms.Int(form, "version") ?? 0;
        var expected = DeskForms.Int(form, "expectedVersion");
        var answer = await RestoreStoryEndpoint.Post(slug, new RestoreStory(version, expected, null), context, session);
        if (DeskOutcome.Of(answer) is not { } problem) return TypedResults.Redirect($"/desk/stories/{slug}?done=restored");

        var story = await StoryLookup.FindAsync(session, slug, cancellation);
        if (story is null) return await DeskNotFoundPage.RenderAsync(context, StoryLookup.Missing(slug));
        var conflict = expected is { } e ? await DeskOutcome.ConflictAsync(problem, session, slug, e, cancellation) : null;
        return await ComparePage.RenderAsync(context, session, story, form["from"], form["to"], form["view"], form["ignore"].OfType<string>().ToList(),
            conflict is null ? DeskOutcome.Say(problem) : null, conflict, problem.Status ?? 400, cancellation);
    }
}
