using JasperFx;
using Marten;
using Revisions.Api.Http;
using Revisions.Domain.Stories;

namespace Revisions.Api.Stories;

/// <summary>What a change decided: the events to append, or why it cannot be made.</summary>
public sealed record Decision(IReadOnlyList<object> Events, IResult? Problem = null)
{
    public static Decision Refuse(IResult problem) => new([], problem);
}

/// <summary>
/// The one path every change to an existing story takes: find it, know who edits and which version they
/// edited, let the story decide, append with an optimistic version check. Losing a race is a 409 that names
/// the current version; nothing is written unless everything succeeds. A retried request with the same
/// Idempotency-Key gets the first answer again (Http/Idempotency.cs) and writes nothing more.
/// </summary>
public static class StoryWrites
{
    /// <param name="versionRequired">False for additions that cannot overwrite anyone's work (notes, flag
    /// decisions): without a version they apply to the version current when the request is read.</param>
    /// <param name="respond">Shapes the answer from the saved state and the appended events; by default the story.</param>
    public static async Task<IResult> ApplyAsync(
        HttpContext context, IDocumentSession session, string idOrSlug, int? expectedFromBody,
        Func<Story, string, CancellationToken, Task<Decision>> decide, CancellationToken cancellation,
        bool versionRequired = true, Func<Story, IReadOnlyList<object>, IResult>? respond = null)
    {
        var (key, earlier, keyProblem) = await Idempotency.BeginAsync(context, session, cancellation);
        if (keyProblem is not null) return keyProblem;
        if (earlier is not null) return await ReplayAsync(context, session, earlier, respond, cancellation);
        // A Guid is the stream id itself: FetchForWriting below reads the stored story together with the
        // stream's version in one round trip, so only a slug needs a lookup first.
        Story? story = null;
        if (!Guid.TryParse(idOrSlug, out var id))
        {
            story = await StoryLookup.FindAsync(session, idOrSlug, cancellation);
            if (story is null) return Problems.NotFound(StoryLookup.Missing(idOrSlug));
            id = story.Id;
        }
        // An unknown story is a 404 before any other problem with the request, as when every write looked it up first.
        async Task<IResult> MissingOr(IResult problem) =>
            story is null && await session.LoadAsync<Story>(id, cancellation) is null ? Problems.NotFound(StoryLookup.Missing(idOrSlug)) : problem;
        if (!Editors.TryGet(context, out var editor, out var editorProblem)) return await MissingOr(editorProblem!);
        if (!Versions.TryGetExpected(context, expectedFromBody, out var expected, out var versionProblem)) return await MissingOr(versionProblem!);
        if (expected is null && versionRequired) return await MissingOr(Problems.VersionRequired());

        try
        {
            // Either way Marten checks at SaveChanges that the stream is still at the version read here.
            var stream = expected is null
                ? await session.Events.FetchForWriting<Story>(id, cancellation)
                : await session.Events.FetchForWriting<Story>(id, expected.Value, cancellation);
            var current = stream.Aggregate ?? story;
            if (current is null) return Problems.NotFound(StoryLookup.Missing(idOrSlug));
            expected ??= current.Version;
            if (expected != current.Version)
            {
                // A request with the same key may have just committed: then this is its retry, not a conflict.
                if (key is not null && (await key.FindAsync(session, cancellation)).Earlier is { } committed)
                    return await ReplayAsync(context, session, committed, respond, cancellation);
                return Problems.Conflict(current, expected);
            }
            story = current;
            var decision = await decide(current, editor, cancellation);
            if (decision.Problem is not null) return decision.Problem;
            if (decision.Events.Count == 0) return respond?.Invoke(current, []) ?? Respond(context, current);

            stream.AppendMany(ContentChanges.Classify(current.Content, decision.Events));
            key?.Remember(session, new IdempotencyRecord
            {
                Status = 200, StoryId = id, FromVersion = expected.Value, ToVersion = expected.Value + decision.Events.Count
            });
            await session.SaveChangesAsync(cancellation);
            // Answer with this save's own version even if another save has already followed it: the state is
            // folded from the events just stored, as the inline projection folded it, rather than read back.
            var saved = stream.Events.Aggregate(current, (state, e) => Story.Evolve(state, e.Data, (int)e.Version, EventTime.Of(e)));
            Versions.SetETag(context, saved.Version);
            return respond?.Invoke(saved, decision.Events) ?? Respond(context, saved);
        }
        catch (Exception e) when (e is ConcurrencyException || (key is not null && Idempotency.IsDuplicate(e)))
        {
            // A request with the same key committed first: answer as it did.
            if (key is not null && (await key.FindAsync(session, cancellation)).Earlier is { } winner)
                return await ReplayAsync(context, session, winner, respond, cancellation);
            if (e is not ConcurrencyException) throw;
            var now = await session.LoadAsync<Story>(id, cancellation) ?? story;
            if (now is null) return Problems.NotFound(StoryLookup.Missing(idOrSlug));
            return Problems.Conflict(now, expected);
        }
    }

    /// <summary>The first answer again, rebuilt from the version the write made and the events it appended.</summary>
    private static async Task<IResult> ReplayAsync(HttpContext context, IDocumentSession session, IdempotencyRecord earlier,
        Func<Story, IReadOnlyList<object>, IResult>? respond, CancellationToken cancellation)
    {
        var saved = await StoryVersion.LoadAsync(session, earlier.StoryId, earlier.ToVersion, cancellation);
        if (saved is null) return Problems.NotFound($"The story {earlier.StoryId} this key saved no longer exists.");
        var events = (await session.Events.FetchStreamAsync(earlier.StoryId, earlier.ToVersion, token: cancellation))
            .Where(e => e.Version > earlier.FromVersion).Select(e => e.Data).ToList();
        Versions.SetETag(context, saved.Story.Version);
        return respond?.Invoke(saved.Story, events) ?? Respond(context, saved.Story);
    }

    public static IResult Respond(HttpContext context, Story story)
    {
        Versions.SetETag(context, story.Version);
        return Results.Ok(StoryView.Of(story));
    }
}
