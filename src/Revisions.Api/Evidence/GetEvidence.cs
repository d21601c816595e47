using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Revisions.Api.Http;
using Revisions.Api.Stories;
using Wolverine.Http;

namespace Revisions.Api.Evidence;

public static class GetEvidenceEndpoint
{
    /// <summary>
    /// An evidence bundle (zip) of what the public saw of the story at <c>asOf</c> (default: now), with the
    /// history, hash chain and signed checkpoint to prove it, and a manifest of every file and claim signed with
    /// the checkpoints' key. A checkpoint is signed on the spot when none signed with that key covers the story's
    /// history up to then yet. An instant still to come has no evidence: 400.
    /// </summary>
    [WolverineGet("/api/stories/{id}/evidence", OperationId = "GetEvidenceBundle")]
    [Tags("Integrity"), Authorize(Policy = Policies.Legal), ProblemResponses(400, 404)]
    [ProducesResponseType<byte[]>(200, "application/zip")]
    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Get(string id, string? asOf, IDocumentSession session, SigningKey key, TimeProvider clock,
        CancellationToken cancellation)
    {
        var story = await StoryLookup.FindStateAsync(session, id, cancellation);
        if (story is null) return Problems.NotFound(StoryLookup.Missing(id));
        var instant = clock.GetUtcNow();
        if (asOf is not null && !Instants.TryParse(asOf, out instant)) return Instants.Invalid("asOf", asOf);
        var now = clock.GetUtcNow();
        if (instant > now)
            return Problems.BadRequest("'asOf' lies in the future",
                $"A bundle records what the public saw; {instant:O} has not happened yet (it is {now:O}).");

        LiveSpan? span;
        if (story.WatchedUrl is not null)
        {
            // A page published elsewhere: what it showed is the capture latest recorded by then.
            var capture = (await session.Query<StoryVersion>()
                    .Where(v => v.StoryId == story.Id && (v.Kind == "created" || v.Kind == "imported") && v.At <= instant)
                    .OrderByDescending(v => v.Version).Take(1).ToListAsync(cancellation)).FirstOrDefault();
            if (capture is null)
                return Problems.NotFound($"{story.WatchedUrl} had not been captured by {instant:O}; its first capture was at {story.CreatedAt:O}.");
            span = new LiveSpan(capture, capture.CapturedAt ?? capture.At, null);
        }
        else
        {
            var timeline = await PublicTimeline.LoadAsync(session, story.Id, cancellation, withCaptures: false);
            span = timeline.At(instant);
            if (span is null) return timeline.NotPublic(instant);
        }

        // A story public at the instant has versions up to it, so this row always exists.
        // A watched page's versions are dated by when they were recorded: a bundle holds the events stored by asOf.
        var last = story.WatchedUrl is not null
            ? await session.Query<StoryVersion>().Where(v => v.StoryId == story.Id && v.At <= instant).MaxAsync(v => v.Version, cancellation)
            : (await StoryVersion.StandingAtAsync(session, story.Id, instant, cancellation))!.Version;
        // The manifest is signed with today's key, and the bundle carries one key, so the checkpoint must be signed with it too.
        var covering = await Checkpoints.CoveringAsync(session, story.Id, last, key.PublicKeyPem, cancellation);
        if (covering is null)
        {
            var signed = await Checkpoints.CreateAsync(session, key, clock, cancellation);
            covering = (signed, signed.Heads.Single(h => h.StoryId == story.Id));
        }

        var zip = await EvidenceBundle.BuildAsync(story.Id, story.Slug, instant, span, last, covering.Value.Checkpoint,
            covering.Value.Head, key, session, clock, cancellation, story.WatchedUrl);
        return TypedResults.File(zip, "application/zip", $"{story.Slug}-evidence-{instant:yyyyMMdd'T'HHmmss'Z'}.zip");
    }
}
