using System.Globalization;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Revisions.Api.Evidence;
using Revisions.Api.Http;
using Revisions.Api.Public;
using Revisions.Domain.Legal;
using Revisions.Domain.Stories;
using Wolverine.Http;

namespace Revisions.Api.Legal;

public sealed record AsOfNote(string Kind, string Text, DateTimeOffset At);

/// <summary>
/// What the public could see of a story at one instant: which update, live from when until when, its text
/// and the public notes made by then. <c>redacted</c> names the parts shown as "[removed for legal reasons]".
/// <c>capturedAt</c> is set when what the public saw is known from an imported capture of the page, not a publish.
/// </summary>
public sealed record PublicAsOf(
    Guid StoryId, string Slug, DateTimeOffset AsOf, int Update, int PublishVersion, int ContentVersion,
    DateTimeOffset LiveFrom, DateTimeOffset? LiveUntil, string Permalink, StoryContent Content,
    IReadOnlyList<string> Redacted, IReadOnlyList<AsOfNote> Notes, DateTimeOffset? CapturedAt = null);

public static class GetPublicAsOfEndpoint
{
    /// <summary>
    /// The update the public could see at <c>asOf</c> (default now): the latest publish before it, unless the
    /// story had been taken down since. Redactions in force are applied; the legal role sees the original
    /// text. 404 when the story was not public then, with the spans during which it was.
    /// </summary>
    [WolverineGet("/api/stories/{id}/public", OperationId = "GetPublicAsOf")]
    [Tags("Legal"), Authorize(Policy = Policies.Newsroom), ProblemResponses(400, 404)]
    public static async Task<Results<Ok<PublicAsOf>, ProblemHttpResult>> Get(string id, string? asOf, HttpContext context, IQuerySession session, TimeProvider clock,
        CancellationToken cancellation)
    {
        var instant = clock.GetUtcNow();
        if (asOf is not null && !Instants.TryParse(asOf, out instant)) return Instants.Invalid("asOf", asOf);

        var published = await Stories.StoryLookup.FindPublishedAsync(session, id, cancellation);
        if (published is null) return Problems.NotFound($"No story has the id or slug '{id}'.");

        var timeline = await PublicTimeline.LoadAsync(session, published.Id, cancellation);
        if (timeline.At(instant) is not { } span) return timeline.NotPublic(instant);

        var reveal = Roles.CanSeeRedacted(context);
        var publishVersion = span.Publish.Version;
        var contentVersion = span.ContentVersion;
        var original = await PublicHistory.ContentOfPublishAsync(session, published, publishVersion, revealRedacted: true, cancellation);
        if (original is null) return Problems.NotFound($"The publish at version {publishVersion} could not be read.");
        var content = reveal ? original : RedactionRules.Apply(original, published.Redactions);

        var update = timeline.Spans.TakeWhile(s => s != span).Count() + 1;
        var publishNotes = timeline.Spans.Take(update)
            .Where(s => !s.Captured && !string.IsNullOrWhiteSpace(s.Publish.Note))
            .Select(s => new AsOfNote("update", RedactionRules.ApplyToNote(s.Publish.Note!.Trim(), reveal ? [] : published.Redactions), s.From));
        var typed = await PublicHistory.TypedNotesAsync(session, published.Id, contentVersion, instant, reveal ? [] : published.Redactions, cancellation);
        var notes = publishNotes.Concat(typed.Select(n => new AsOfNote(n.Note.Kind, n.Note.Text, n.At))).OrderBy(n => n.At).ToList();

        return TypedResults.Ok(new PublicAsOf(published.Id, published.Slug, instant, update, publishVersion, contentVersion,
            span.From, span.Until, ReaderPage.VersionUrl(published.Slug, publishVersion), content,
            RedactionRules.RedactedParts(original, published.Redactions), notes, span.Captured ? span.Publish.CapturedAt : null));
    }

}
