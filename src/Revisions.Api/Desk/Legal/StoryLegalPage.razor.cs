using System.Globalization;
using Marten;
using Marten.Events;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Revisions.Api.Desk.Shared;
using Revisions.Api.Evidence;
using Revisions.Api.Http;
using Revisions.Api.Legal;
using Revisions.Api.Public;
using Revisions.Api.Stories;
using Revisions.Domain.Legal;
using Revisions.Domain.Stories;

namespace Revisions.Api.Desk.Legal;

/// <summary>One legal hold on a story: who placed it and why, and whether it has been lifted.</summary>
public sealed record HoldEntry(Guid HoldId, DateTimeOffset At, string Reason, string Editor, bool InForce,
    DateTimeOffset? LiftedAt = null, string? LiftedBy = null, string? LiftReason = null);

/// <summary>A version that saved content, which a redaction can name.</summary>
public sealed record ContentChoice(int Version, DateTimeOffset At, string Editor, string Kind);

/// <summary>Which form on the page a refusal belongs to, and what it said; the form shows it and what was typed.</summary>
public sealed record LegalRefusal(string Form, string Message, IReadOnlyDictionary<string, string> Typed)
{
    public string Value(string field) => Typed.GetValueOrDefault(field, "");
}

/// <summary>Everything the legal desk shows of one story.</summary>
public sealed record LegalStory(Story Story, IReadOnlyList<RedactionEntry> Redactions, IReadOnlyList<HoldEntry> Holds,
    IReadOnlyList<ContentChoice> Versions, IReadOnlyList<PublicSpan> Public);

public partial class StoryLegalPage
{
    /// <summary>
    /// What the public saw of the story at the moment picked (now, when none is): the API's as-of use case
    /// (Legal/GetPublicAsOf.cs), read from the public timeline of publishes, unpublishes and captures; then the
    /// story's redactions, holds and the erasure form.
    /// </summary>
    public static async Task<IResult> Get(string id, string? asOf, string? at, string? offset, string? zone, string? done, HttpContext context,
        IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        var (moment, error) = PickedMoment.Read(asOf, at, offset, zone);
        var flash = done switch
        {
            "redacted" => "The redaction is in force: the text is withheld from every public output and from the newsroom but legal.",
            "redaction-lifted" => "The redaction is lifted: the text shows again wherever it is public.",
            "held" => "The story is under legal hold: its history cannot be altered or erased until the hold is lifted.",
            "hold-lifted" => "The hold is lifted.",
            "erased" => "The text is erased from the story's stored history and read models; the erasure is on record.",
            _ => null
        };
        return await RenderAsync(id, moment, error is null ? null : new LegalRefusal("moment", error, new Dictionary<string, string>()), flash,
            error is null ? 200 : 400, context, session, clock, cancellation);
    }

    /// <summary>The evidence bundle for the moment (the API's GetEvidence use case), or the page saying why there is none.</summary>
    public static async Task<IResult> Evidence(string id, string? asOf, HttpContext context, IDocumentSession session, SigningKey key, TimeProvider clock,
        CancellationToken cancellation)
    {
        var answer = await GetEvidenceEndpoint.Get(id, asOf, session, key, clock, cancellation);
        if (answer.Result is FileContentHttpResult file) return file;
        var problem = DeskOutcome.Of(answer)!;
        var (moment, _) = PickedMoment.Read(asOf, null, null, null);
        return await RenderAsync(id, moment, new LegalRefusal("evidence", DeskOutcome.Say(problem), new Dictionary<string, string>()), null,
            problem.Status ?? 400, context, session, clock, cancellation);
    }

    /// <summary>Withdraws a field or block (or a whole version) of a content version: the API's RedactStory use case.</summary>
    public static async Task<IResult> Redact(string id, IFormCollection form, HttpContext context, IDocumentSession session, TimeProvider clock,
        CancellationToken cancellation)
    {
        var typed = Typed(form, "contentVersion", "target", "reason");
        int? version = int.TryParse(typed["contentVersion"], NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;
        // The target is "whole", "field:<name>" or "block:<index from 0>", as the form's options give it.
        var target = typed["target"];
        int? block = target.StartsWith("block:", StringComparison.Ordinal) && int.TryParse(target[6..], NumberStyles.None, CultureInfo.InvariantCulture, out var b) ? b : null;
        var field = target.StartsWith("field:", StringComparison.Ordinal) ? target[6..] : null;
        var command = new RedactStory(version, block, field, typed["reason"]);
        var problem = target.Length > 0 && target != "whole" && block is null && field is null
            ? Problems.BadRequest("Choose what to redact", "The whole version, a field or a block.").ProblemDetails
            : DeskOutcome.Of(RedactStoryEndpoint.Validate(command)) ?? DeskOutcome.Of(await RedactStoryEndpoint.Post(id, command, context, session));
        return problem is null ? await Done(id, "redacted#redactions") : await RefuseAsync(id, "redact", problem, typed, context, session, clock, cancellation);
    }

    /// <summary>Lifts a redaction, with the reason: the API's LiftRedaction use case.</summary>
    public static async Task<IResult> LiftRedaction(string id, Guid redactionId, IFormCollection form, HttpContext context, IDocumentSession session,
        TimeProvider clock, CancellationToken cancellation)
    {
        var typed = Typed(form, "reason");
        var command = new Revisions.Api.Legal.LiftRedaction(typed["reason"]);
        var problem = DeskOutcome.Of(LiftRedactionEndpoint.Validate(command)) ?? DeskOutcome.Of(await LiftRedactionEndpoint.Post(id, redactionId, command, context, session));
        return problem is null ? await Done(id, "redaction-lifted#redactions") : await RefuseAsync(id, $"lift-{redactionId:N}", problem, typed, context, session, clock, cancellation);
    }

    /// <summary>Places a legal hold, with the reason: the API's PlaceHold use case.</summary>
    public static async Task<IResult> PlaceHold(string id, IFormCollection form, HttpContext context, IDocumentSession session, TimeProvider clock,
        CancellationToken cancellation)
    {
        var typed = Typed(form, "reason");
        var command = new Revisions.Api.Legal.PlaceHold(typed["reason"]);
        var problem = DeskOutcome.Of(PlaceHoldEndpoint.Validate(command)) ?? DeskOutcome.Of(await PlaceHoldEndpoint.Post(id, command, context, session));
        return problem is null ? await Done(id, "held#holds") : await RefuseAsync(id, "hold", problem, typed, context, session, clock, cancellation);
    }

    /// <summary>Lifts one hold, with the reason: the API's LiftHold use case.</summary>
    public static async Task<IResult> LiftHold(string id, Guid holdId, IFormCollection form, HttpContext context, IDocumentSession session, TimeProvider clock,
        CancellationToken cancellation)
    {
        var typed = Typed(form, "reason");
        var command = new Revisions.Api.Legal.LiftHold(typed["reason"]);
        var problem = DeskOutcome.Of(LiftHoldEndpoint.Validate(command)) ?? DeskOutcome.Of(await LiftHoldEndpoint.Post(id, holdId, command, context, session));
        return problem is null ? await Done(id, "hold-lifted#holds") : await RefuseAsync(id, $"lift-{holdId:N}", problem, typed, context, session, clock, cancellation);
    }

    /// <summary>
    /// Erases a text from the story's stored history: the API's EraseText use case, which refuses (and records the
    /// attempt) while a hold stands; the page then names the holds and their reasons.
    /// </summary>
    public static async Task<IResult> Erase(string id, IFormCollection form, HttpContext context, IDocumentSession session, IDocumentStore store,
        ReaderPageCache pages, ILogger<EraseText> logger, TimeProvider clock, CancellationToken cancellation)
    {
        var typed = Typed(form, "text", "reason");
        var command = new EraseText(typed["text"], typed["reason"]);
        var problem = DeskOutcome.Of(EraseTextEndpoint.Validate(command))
                      ?? DeskOutcome.Of(await EraseTextEndpoint.Post(id, command, context, store, pages, logger, cancellation));
        return problem is null ? await Done(id, "erased#erasure") : await RefuseAsync(id, "erase", problem, typed, context, session, clock, cancellation);
    }

    private static Dictionary<string, string> Typed(IFormCollection form, params string[] fields) =>
        fields.ToDictionary(f => f, f => form[f].ToString());

    /// <summary>After a change, back to the story's page (by its slug, which the id in the address may not be).</summary>
    private static Task<IResult> Done(string id, string done)
    {
        var hash = done.IndexOf('#');
        return Task.FromResult<IResult>(TypedResults.Redirect($"/desk/legal/stories/{Uri.EscapeDataString(id)}?done={done[..hash]}{done[hash..]}"));
    }

    private static Task<IResult> RefuseAsync(string id, string form, ProblemDetails problem, IReadOnlyDictionary<string, string> typed, HttpContext context,
        IDocumentSession session, TimeProvider clock, CancellationToken cancellation) =>
        RenderAsync(id, PickedMoment.Now, new LegalRefusal(form, DeskOutcome.Say(problem), typed), null, problem.Status ?? 400, context, session, clock, cancellation);

    private static async Task<IResult> RenderAsync(string id, PickedMoment moment, LegalRefusal? refusal, string? flash, int status, HttpContext context,
        IDocumentSession session, TimeProvider clock, CancellationToken cancellation)
    {
        var user = await DeskUser.OfAsync(context);
        var story = await StoryLookup.FindAsync(session, id, cancellation);
        if (story is null)
            return new RazorComponentResult<StoryLegalPage>(new { User = user, Missing = StoryLookup.Missing(id) }) { StatusCode = 404 };

        PublicAsOf? seen = null;
        string? notSeen = null;
        if (refusal?.Form != "moment")
        {
            var answer = await GetPublicAsOfEndpoint.Get(story.Id.ToString(), moment.AsOf, context, session, clock, cancellation);
            if (answer.Result is Ok<PublicAsOf> ok) seen = ok.Value;
            else notSeen = DeskOutcome.Say(DeskOutcome.Of(answer)!);
        }
        var legal = new LegalStory(story, await RedactionsAsync(story, session, cancellation), await HoldsAsync(session, story.Id, cancellation),
            await ContentVersionsAsync(session, story.Id, cancellation),
            (await PublicTimeline.LoadAsync(session, story.Id, cancellation)).Spans.Select(s => new PublicSpan(s.From, s.Until)).ToList());
        return new RazorComponentResult<StoryLegalPage>(new
        {
            User = user, MayAct = await DeskLegal.MayActAsync(context), Legal = legal, Moment = moment, Seen = seen, NotSeen = notSeen,
            Refusal = refusal, Flash = flash
        }) { StatusCode = status };
    }

    private static async Task<IReadOnlyList<RedactionEntry>> RedactionsAsync(Story story, IQuerySession session, CancellationToken cancellation) =>
        (await ListRedactionsEndpoint.Get(story.Id.ToString(), session, cancellation)).Result is Ok<List<RedactionEntry>> { Value: { } list } ? list : [];

    /// <summary>The story's holds from its events, oldest first: the story itself keeps only the ids of those in force.</summary>
    private static async Task<IReadOnlyList<HoldEntry>> HoldsAsync(IQuerySession session, Guid storyId, CancellationToken cancellation)
    {
        var events = await session.Events.QueryAllRawEvents()
            .Where(e => e.StreamId == storyId && e.EventTypesAre(typeof(LegalHoldPlaced), typeof(LegalHoldLifted)))
            .OrderBy(e => e.Version)
            .ToListAsync(cancellation);
        var holds = new List<HoldEntry>();
        foreach (var e in events)
        {
            if (e.Data is LegalHoldPlaced placed)
                holds.Add(new HoldEntry(placed.HoldId, EventTime.Of(e), placed.Reason, placed.Editor, InForce: true));
            else if (e.Data is LegalHoldLifted lifted && holds.FindIndex(h => h.HoldId == lifted.HoldId) is var i and >= 0)
                holds[i] = holds[i] with { InForce = false, LiftedAt = EventTime.Of(e), LiftedBy = lifted.Editor, LiftReason = lifted.Reason };
        }
        return holds;
    }

    /// <summary>The versions that saved content, newest first: what a redaction names.</summary>
    private static async Task<IReadOnlyList<ContentChoice>> ContentVersionsAsync(IQuerySession session, Guid storyId, CancellationToken cancellation)
    {
        var rows = await session.Query<StoryVersion>().Where(v => v.StoryId == storyId).OrderByDescending(v => v.Version).ToListAsync(cancellation);
        return rows.Where(r => r.Story.ContentVersion == r.Version).Select(r => new ContentChoice(r.Version, r.At, r.Editor, r.Kind)).ToList();
    }
}
