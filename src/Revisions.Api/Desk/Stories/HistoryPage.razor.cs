using System.Globalization;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Revisions.Api.Desk.Shared;
using Revisions.Api.Http;
using Revisions.Api.Stories;
using Revisions.Domain.Stories;

namespace Revisions.Api.Desk.Stories;

/// <summary>
/// A story's history, MediaWiki-style: the story as it stands with what may be done to it, a timeline of its
/// life, and every version (newest first, a page at a time) with radio buttons to compare any two.
/// </summary>
public partial class HistoryPage
{
    public const int PageSize = 50;

    public static async Task<IResult> Get(string slug, string? page, string? done, HttpContext context, IQuerySession session, TimeProvider clock,
        CancellationToken cancellation)
    {
        var story = await StoryLookup.FindAsync(session, slug, cancellation);
        if (story is null) return await DeskNotFoundPage.RenderAsync(context, StoryLookup.Missing(slug));
        var number = string.IsNullOrEmpty(page) ? 1 : int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p >= 1 ? p : 0;
        if (number == 0) return await DeskNotFoundPage.RenderAsync(context, "Pages are numbered from 1.", 400);
        return await RenderAsync(context, session, clock, story, number, DeskOutcome.Done(done), null, null, 200, cancellation);
    }

    /// <summary>
    /// After an action on the story (publish, unpublish, note): back to its page with word of what was done, or the
    /// page again with the refusal in words, a lost race as "someone saved meanwhile".
    /// </summary>
    public static async Task<IResult> AfterAsync(HttpContext context, IDocumentSession session, TimeProvider clock, string slug, IResult answer,
        int? expected, string done, CancellationToken cancellation)
    {
        if (DeskOutcome.Of(answer) is not { } problem) return TypedResults.Redirect($"/desk/stories/{slug}?done={done}");
        var story = await StoryLookup.FindAsync(session, slug, cancellation);
        if (story is null) return await DeskNotFoundPage.RenderAsync(context, StoryLookup.Missing(slug));
        var conflict = expected is { } e ? await DeskOutcome.ConflictAsync(problem, session, slug, e, cancellation) : null;
        return await RenderAsync(context, session, clock, story, 1, null, conflict is null ? DeskOutcome.Say(problem) : null, conflict,
            problem.Status ?? 400, cancellation);
    }

    /// <summary>The page for <paramref name="story"/>; also the answer to an action on it that was refused.</summary>
    public static async Task<IResult> RenderAsync(HttpContext context, IQuerySession session, TimeProvider clock, Story story, int page,
        string? flash, string? error, SavedMeanwhile? conflict, int status, CancellationToken cancellation)
    {
        var lastPage = Math.Max(1, (story.Version + PageSize - 1) / PageSize);
        var to = story.Version - (page - 1) * PageSize;
        var from = Math.Max(1, to - PageSize + 1);
        var rows = to < 1 ? [] : await StoryHistory.PageAsync(session, story.Id, from, to, Roles.RedactionsFor(context, story.Redactions), cancellation);
        var points = await StoryHistory.TimelineAsync(session, story.Id, cancellation);
        return new RazorComponentResult<HistoryPage>(new
        {
            User = await DeskUser.OfAsync(context),
            Story = story.AsShownTo(context),
            Points = points,
            Rows = rows,
            Page = page,
            LastPage = lastPage,
            Now = clock.GetUtcNow(),
            Flash = flash,
            Error = error,
            Conflict = conflict
        }) { StatusCode = status };
    }
}
