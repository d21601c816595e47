using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Revisions.Api.Http;
using Revisions.Api.Storage;
using Revisions.Domain.Stories;

namespace Revisions.Api.Stories;

/// <summary>
/// The one way a story starts, by a save (create) or by an import of captures, in the same steps as
/// <see cref="StoryChange{TAnswer}"/>: <see cref="OpenAsync"/> answers a retried request as the first time, knows
/// who edits and takes a free slug (the one asked for, or one made from the headline); the endpoint lets the
/// domain decide the first events; <see cref="SaveAsync"/> starts the stream with the request's key in one
/// transaction. The slug's unique index settles two stories racing for one slug: the loser gets 409.
/// </summary>
public sealed class StoryStart<TAnswer> where TAnswer : IResult
{
    private readonly HttpContext _context;
    private readonly IDocumentSession _session;
    private readonly WriteReply<TAnswer> _reply;
    private Results<TAnswer, ProblemHttpResult>? _answered;

    private StoryStart(HttpContext context, IDocumentSession session, WriteAnswer<TAnswer> answer, Idempotency? key) =>
        (_context, _session, _reply) = (context, session, new WriteReply<TAnswer>(context, session, answer, key));

    /// <summary>The new story's id.</summary>
    public Guid Id { get; } = Guid.CreateVersion7();

    public string Slug { get; private set; } = "";

    public string Editor { get; private set; } = "";

    public bool Answered => _answered is not null;

    public Results<TAnswer, ProblemHttpResult> Answer => _answered ?? throw new InvalidOperationException("The story is not started yet: decide and save it.");

    private CancellationToken Cancellation => _context.RequestAborted;

    /// <param name="slug">The slug asked for (already checked as valid), or null for one made from <paramref name="headline"/>.</param>
    internal static async Task<StoryStart<TAnswer>> OpenAsync(HttpContext context, IDocumentSession session, string? slug, string headline, WriteAnswer<TAnswer> answer)
    {
        var cancellation = context.RequestAborted;
        if (!Editors.TryGet(context, out var editor, out var editorProblem))
            return new StoryStart<TAnswer>(context, session, answer, null).Answering(editorProblem!);
        var (key, earlier, keyProblem) = await Idempotency.BeginAsync(context, session, cancellation);
        var start = new StoryStart<TAnswer>(context, session, answer, key) { Editor = editor };
        if (keyProblem is not null) return start.Answering(keyProblem);
        if (earlier is not null) return start.Answering(await start._reply.ReplayAsync(earlier));

        var wanted = slug ?? Domain.Stories.Slug.FromHeadline(headline);
        var free = slug ?? await StorySlugs.FreeAsync(session, wanted, cancellation);
        if (free is null || await StorySlugs.TakenAsync(session, free, cancellation))
            return start.Answering(await start._reply.WinnerAsync() is { } first
                ? await start._reply.ReplayAsync(first)
                : Problems.Conflict("The slug is taken", $"Another story already uses the slug '{wanted}'; name a free one with \"slug\"."));
        start.Slug = free;
        return start;
    }

    /// <summary>Starts the stream with the events the domain decided (the first is <see cref="StoryCreated"/>) and answers.</summary>
    public async Task<Results<TAnswer, ProblemHttpResult>> SaveAsync(IReadOnlyList<object> events)
    {
        var stream = _session.Events.StartStream<Story>(Id, events);
        _reply.Key?.Remember(_session, new IdempotencyRecord { Status = 201, StoryId = Id, FromVersion = 0, ToVersion = events.Count });
        try
        {
            await _session.SaveChangesAsync(Cancellation);
        }
        catch (Exception e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            // The slug or this request's key was taken meanwhile; if by a request with the same key, answer as it did.
            if (await _reply.WinnerAsync() is { } first) return await _reply.ReplayAsync(first);
            return Problems.Conflict("The slug is taken", $"Another story took the slug '{Slug}' a moment ago; try again.");
        }
        var saved = stream.Events.Aggregate((Story?)null, (state, e) => Story.Evolve(state, e.Data, (int)e.Version, EventTime.Of(e)))!;
        return _reply.Respond(saved, events);
    }

    private StoryStart<TAnswer> Answering(Results<TAnswer, ProblemHttpResult> answer)
    {
        _answered = answer;
        return this;
    }
}

public static class StoryStart
{
    /// <inheritdoc cref="StoryStart{TAnswer}.OpenAsync"/>
    public static Task<StoryStart<TAnswer>> OpenAsync<TAnswer>(HttpContext context, IDocumentSession session, string? slug, string headline,
        WriteAnswer<TAnswer> answer) where TAnswer : IResult =>
        StoryStart<TAnswer>.OpenAsync(context, session, slug, headline, answer);

    /// <summary>Where a story is found once started.</summary>
    public static string Location(Guid id) => $"/api/stories/{id}";
}
