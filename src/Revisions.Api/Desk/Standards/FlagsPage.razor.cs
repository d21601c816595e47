using System.Globalization;
using Marten;
using Marten.Pagination;
using Microsoft.AspNetCore.Http.HttpResults;
using Revisions.Api.Corrections;
using Revisions.Api.Desk.Shared;
using Revisions.Api.Http;
using Revisions.Api.Stories;
using Revisions.Domain.Corrections;
using Revisions.Domain.Stories;

namespace Revisions.Api.Desk.Standards;

/// <summary>One open flag as the queue shows it, with the story as the signed-in person may see it.</summary>
public sealed record FlagRow(StealthEditFlag Flag, string Slug, string Headline);

/// <summary>What the person typed into a flag's form when it was refused, to show again beside the reason.</summary>
public sealed record FlagForm(Guid FlagId, string? Kind, string? Text, string? Reason, string Error);

public partial class FlagsPage
{
    public const int PageSize = 20;

    /// <summary>The open stealth-edit flags, oldest first: the one waiting longest is at the top.</summary>
    public static async Task<IResult> Get(string? page, string? done, HttpContext context, IQuerySession session, CancellationToken cancellation)
    {
        var number = string.IsNullOrEmpty(page) ? 1 : int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p >= 1 ? p : 0;
        if (number == 0) return await RenderAsync(context, session, 1, null, null, "Pages are numbered from 1.", 400, cancellation);
        var flash = done switch
        {
            "resolved" => "The flag is resolved: the note is on the story and in the corrections log.",
            "dismissed" => "The flag is dismissed; the reason stays on record.",
            _ => null
        };
        return await RenderAsync(context, session, number, null, flash, null, 200, cancellation);
    }

    /// <summary>
    /// Resolves a flag with a public note (correction, clarification, update) about the change the flag is about:
    /// the API's AddNote use case, whose decision also closes every open flag the note covers.
    /// </summary>
    public static async Task<IResult> Resolve(Guid flagId, IFormCollection form, HttpContext context, IDocumentSession session, CancellationToken cancellation)
    {
        var kind = form["kind"].ToString();
        var text = form["text"].ToString();
        var flag = await session.LoadAsync<StealthEditFlag>(flagId, cancellation);
        if (flag is null) return await RenderAsync(context, session, 1, null, null, $"No stealth-edit flag has the id {flagId}.", 404, cancellation);
        if (!NoteKinds.TryParse(kind, out var parsed) || !parsed.IsPublic())
            return await Refused(new FlagForm(flagId, kind, text, null, "Choose the kind of note readers will see: correction, clarification or update."));

        var command = new AddNote(kind, text, flag.ToContentVersion, null);
        var problem = DeskOutcome.Of(AddNoteEndpoint.Validate(command))
                      ?? DeskOutcome.Of(await AddNoteEndpoint.Post(flag.StoryId.ToString(), command, context, session));
        return problem is null
            ? TypedResults.Redirect("/desk/standards?done=resolved")
            : await Refused(new FlagForm(flagId, kind, text, null, DeskOutcome.Say(problem)), problem.Status ?? 400);

        Task<IResult> Refused(FlagForm typed, int status = 400) => RenderAsync(context, session, 1, typed, null, null, status, cancellation);
    }

    /// <summary>Closes a flag as needing no note, with the reason: the API's DismissFlag use case.</summary>
    public static async Task<IResult> Dismiss(Guid flagId, IFormCollection form, HttpContext context, IDocumentSession session, CancellationToken cancellation)
    {
        var command = new DismissFlag(form["reason"].ToString());
        var problem = DeskOutcome.Of(DismissFlagEndpoint.Validate(command))
                      ?? DeskOutcome.Of(await DismissFlagEndpoint.Post(flagId, command, context, session));
        return problem is null
            ? TypedResults.Redirect("/desk/standards?done=dismissed")
            : await RenderAsync(context, session, 1, new FlagForm(flagId, null, null, command.Reason, DeskOutcome.Say(problem)), null, null, problem.Status ?? 400, cancellation);
    }

    private static async Task<IResult> RenderAsync(HttpContext context, IQuerySession session, int page, FlagForm? typed, string? flash, string? error,
        int status, CancellationToken cancellation)
    {
        var user = await DeskUser.OfAsync(context);
        var found = await session.Query<StealthEditFlag>().Where(f => f.Status == FlagStatus.Open)
            .OrderBy(f => f.RaisedAt).ToPagedListAsync(page, PageSize, cancellation);
        var stories = await StoryLookup.LoadManyAsync(session, found.Select(f => f.StoryId), cancellation);
        var rows = found.Select(f => stories.GetValueOrDefault(f.StoryId) is { } s
            ? new FlagRow(f, s.Slug, s.AsShownTo(context).Content.Headline)
            : new FlagRow(f, "", "(story not found)")).ToList();
        return new RazorComponentResult<FlagsPage>(new
        {
            User = user, Rows = rows, Total = found.TotalItemCount, Page = page, LastPage = (int)Math.Max(1, found.PageCount),
            Typed = typed, Flash = flash, Error = error
        }) { StatusCode = status };
    }
}
