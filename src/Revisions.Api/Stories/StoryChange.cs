using JasperFx;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Revisions.Api.Http;
using Revisions.Domain.Stories;

namespace Revisions.Api.Stories;

/// <summary>
/// The one way an existing story changes. Every write endpoint reads the same three steps:
/// <list type="number">
/// <item><see cref="OpenAsync"/>: answer a retried request as the first time (Idempotency-Key); find the story by
/// id or slug; know who edits (the token's name) and which version they edited (If-Match or
/// <c>expectedVersion</c>); take the stream for an optimistic append, as Wolverine's <c>[WriteAggregate]</c> would
/// (<c>FetchForWriting</c>, with the content from its event: <see cref="StoryForWriting"/>). Any of these may answer
/// at once (<see cref="Answered"/>).</item>
/// <item>The endpoint loads the facts its decision needs (<see cref="VersionAsync"/>) and lets the story decide:
/// pure domain code that returns the events, or a refusal, and records how a change of content reads.</item>
/// <item><see cref="SaveAsync"/>: append the events and the request's key in one transaction and answer with the
/// story as saved. Losing a race is a 409 that names the current version; nothing is written unless all is.</item>
/// </list>
/// docs/architecture.md says why this is not <c>[WriteAggregate]</c> itself.
/// </summary>
public sealed class StoryChange<TAnswer> where TAnswer : IResult
{
    private readonly HttpContext _context;
    private readonly IDocumentSession _session;
    private readonly WriteReply<TAnswer> _reply;
    private IEventStream<StoryState>? _stream;
    private Results<TAnswer, ProblemHttpResult>? _answered;
    private int _expected;

    private StoryChange(HttpContext context, IDocumentSession session, WriteAnswer<TAnswer> answer, Idempotency? key) =>
        (_context, _session, _reply) = (context, session, new WriteReply<TAnswer>(context, session, answer, key));

    private Story? _story;

    /// <summary>The story as it stands, which decides (once the change is open, not answered).</summary>
    public Story Story => _story ?? throw new InvalidOperationException("The request was answered while opening; there is no story to decide on.");

    /// <summary>Who makes the change: the signed-in user's name.</summary>
    public string Editor { get; private set; } = "";

    /// <summary>True when the request was answered while opening: a replay, or a refusal (404, 401, 400, 428, 409).</summary>
    public bool Answered => _answered is not null;

    public Results<TAnswer, ProblemHttpResult> Answer => _answered ?? throw new InvalidOperationException("The change is open: decide and save it.");

    private CancellationToken Cancellation => _context.RequestAborted;

    /// <param name="versionRequired">False for additions that cannot overwrite anyone's work (notes, flag
    /// decisions, legal records): without a version they apply to the version current when the request is read.</param>
    internal static async Task<StoryChange<TAnswer>> OpenAsync(HttpContext context, IDocumentSession session, string idOrSlug,
        int? expectedFromBody, bool versionRequired, WriteAnswer<TAnswer> answer)
    {
        var cancellation = context.RequestAborted;
        var key = Idempotency.Of(context);
        var change = new StoryChange<TAnswer>(context, session, answer, key);
        // One connection for everything the write does (these reads, the decision's facts, the commit) instead of a
        // pool checkout, with its reset, for each of them.
        await session.BeginTransactionAsync(cancellation);

        // A Guid is the stream id itself: the key's record, the stream's version with the stored state and the
        // story's content are read in one round trip. Only a slug needs a lookup first, and so does the empty Guid,
        // which no story has and Marten refuses as a stream id.
        var byId = Guid.TryParse(idOrSlug, out var id) && id != Guid.Empty;
        Guid? storyId = byId ? id : (await StoryLookup.FindStateAsync(session, idOrSlug, cancellation))?.Id;
        IdempotencyRecord? stored = null;
        StoryForWriting? fetched = null;
        if (storyId is not null || key is not null)
        {
            var batch = session.CreateBatchQuery();
            var record = key is null ? null : batch.Load<IdempotencyRecord>(key.RecordId);
            if (storyId is { } found) fetched = new StoryForWriting(session, batch, found);
            await batch.Execute(cancellation);
            stored = record is null ? null : await record;
        }
        if (key is not null)
        {
            var (earlier, keyProblem) = key.Check(stored);
            if (keyProblem is not null) return change.Answering(keyProblem);
            if (earlier is not null) return change.Answering(await change._reply.ReplayAsync(earlier));
        }

        // An unknown story is a 404 before any other problem with the request. Marten checks at SaveChanges that
        // the stream is still at the version read here.
        var (stream, current) = fetched is null ? (null, null) : await fetched.ReadAsync(session, cancellation);
        if (stream is null || current is null) return change.Answering(Problems.NotFound(StoryLookup.Missing(idOrSlug)));
        if (!Editors.TryGet(context, out var editor, out var editorProblem)) return change.Answering(editorProblem!);
        if (!Versions.TryGetExpected(context, expectedFromBody, out var expected, out var versionProblem)) return change.Answering(versionProblem!);
        if (expected is null && versionRequired) return change.Answering(Problems.VersionRequired());

        if (expected is not null && expected != current.Version) return change.Answering(await change.LostAsync(current, expected));
        (change._stream, change._story, change.Editor, change._expected) = (stream, current, editor, current.Version);
        return change;
    }

    /// <summary>
    /// Version <paramref name="version"/> of this story and the content it showed, for decisions about an
    /// earlier version; null when there is no such version.
    /// </summary>
    public async Task<VersionContent?> VersionAsync(int? version) =>
        version is { } n && n >= 1 && n <= Story.Version
            ? (await StoryVersion.LoadAsync(_session, Story.Id, n, Cancellation))?.Content
            : null;

    /// <summary>Appends what the story decided and answers; a refusal answers as its problem and writes nothing.</summary>
    public async Task<Results<TAnswer, ProblemHttpResult>> SaveAsync(Decision decision)
    {
        if (decision.Refusal is { } refusal) return Problems.Refused(refusal);
        if (decision.Count == 0) return _reply.Respond(Story, []);

        _stream!.AppendMany(decision);
        _reply.Key?.Remember(_session, new IdempotencyRecord
        {
            Status = 200, StoryId = Story.Id, FromVersion = _expected, ToVersion = _expected + decision.Count
        });
        try
        {
            await _session.SaveChangesAsync(Cancellation);
        }
        catch (Exception e) when (e is ConcurrencyException || (_reply.Key is not null && Idempotency.IsDuplicate(e)))
        {
            // A request with the same key committed first: it was this request's first attempt.
            if (await _reply.WinnerAsync() is { } first) return await _reply.ReplayAsync(first);
            if (e is not ConcurrencyException) throw;
            return Problems.Conflict(await _session.LoadAsync<StoryState>(Story.Id, Cancellation) ?? Story, _expected);
        }
        // Answer with this save's own version even if another save has already followed it: the state is folded
        // from the events just stored, as the inline projection folded them, rather than read back.
        var saved = _stream.Events.Aggregate(Story, (state, e) => Story.Evolve(state, e.Data, (int)e.Version, EventTime.Of(e)));
        return _reply.Respond(saved, decision);
    }

    /// <summary>
    /// Another request got there first. If it carried this request's key it was this request's first attempt,
    /// and its answer is the answer; otherwise the story moved on, and the client must reload (409).
    /// </summary>
    private async Task<Results<TAnswer, ProblemHttpResult>> LostAsync(StoryState? current, int? expected)
    {
        if (await _reply.WinnerAsync() is { } first) return await _reply.ReplayAsync(first);
        return current is null ? Problems.NotFound("The story no longer exists.") : Problems.Conflict(current, expected);
    }

    private StoryChange<TAnswer> Answering(Results<TAnswer, ProblemHttpResult> answer)
    {
        _answered = answer;
        return this;
    }
}

/// <summary>Opens a <see cref="StoryChange{TAnswer}"/>; most writes answer with the story as saved.</summary>
public static class StoryChange
{
    /// <summary>A change that needs the version the editor started from (If-Match or <c>expectedVersion</c>; 428 without it).</summary>
    public static Task<StoryChange<Ok<StoryView>>> OpenAsync(HttpContext context, IDocumentSession session, string idOrSlug, int? expectedVersion) =>
        StoryChange<Ok<StoryView>>.OpenAsync(context, session, idOrSlug, expectedVersion, versionRequired: true, StoryAnswer);

    /// <inheritdoc cref="OpenAsync(HttpContext, IDocumentSession, string, int?)"/>
    public static Task<StoryChange<TAnswer>> OpenAsync<TAnswer>(HttpContext context, IDocumentSession session, string idOrSlug,
        int? expectedVersion, WriteAnswer<TAnswer> answer) where TAnswer : IResult =>
        StoryChange<TAnswer>.OpenAsync(context, session, idOrSlug, expectedVersion, versionRequired: true, answer);

    /// <summary>
    /// An addition that cannot overwrite anyone's work (a note, a flag decision, a legal record): a version is
    /// checked when given, and otherwise the story as it stands when the request is read is the one changed.
    /// </summary>
    public static Task<StoryChange<TAnswer>> OpenAdditionAsync<TAnswer>(HttpContext context, IDocumentSession session, string idOrSlug,
        int? expectedVersion, WriteAnswer<TAnswer> answer) where TAnswer : IResult =>
        StoryChange<TAnswer>.OpenAsync(context, session, idOrSlug, expectedVersion, versionRequired: false, answer);

    /// <inheritdoc cref="OpenAdditionAsync{TAnswer}"/>
    public static Task<StoryChange<Ok<StoryView>>> OpenAdditionAsync(HttpContext context, IDocumentSession session, string idOrSlug) =>
        StoryChange<Ok<StoryView>>.OpenAsync(context, session, idOrSlug, null, versionRequired: false, StoryAnswer);

    /// <summary>The usual answer to a write: the story as saved (its ETag is set by the pipeline).</summary>
    public static Ok<StoryView> StoryAnswer(Story saved, IReadOnlyList<object> events) => TypedResults.Ok(StoryView.Of(saved));
}
