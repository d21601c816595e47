using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Revisions.Api.Http;
using Revisions.Domain.Stories;

namespace Revisions.Api.Stories;

/// <summary>Shapes a write's answer from the story as saved and the events the write appended.</summary>
public delegate TAnswer WriteAnswer<out TAnswer>(Story saved, IReadOnlyList<object> events) where TAnswer : IResult;

/// <summary>
/// How a write answers (<see cref="StoryChange{TAnswer}"/>, <see cref="StoryStart{TAnswer}"/>): shaped from the story
/// as saved, with its version as the ETag, and the same again for a retry under the same Idempotency-Key.
/// </summary>
internal sealed class WriteReply<TAnswer>(HttpContext context, IDocumentSession session, WriteAnswer<TAnswer> answer, Idempotency? key)
    where TAnswer : IResult
{
    public Idempotency? Key => key;

    public TAnswer Respond(Story story, IReadOnlyList<object> events)
    {
        Versions.SetETag(context, story.Version);
        return answer(story.AsShownTo(context), events);
    }

    /// <summary>The record of the request with this key that committed, if one did (after losing a race, say).</summary>
    public async Task<IdempotencyRecord?> WinnerAsync() =>
        key is null ? null : (await key.FindAsync(session, context.RequestAborted)).Earlier;

    /// <summary>The first answer again, rebuilt from the version the write made and the events it appended.</summary>
    public async Task<Results<TAnswer, ProblemHttpResult>> ReplayAsync(IdempotencyRecord earlier)
    {
        var saved = await StoryVersion.LoadAsync(session, earlier.StoryId, earlier.ToVersion, context.RequestAborted);
        if (saved is null) return Problems.NotFound($"The story {earlier.StoryId} this key's request wrote to no longer exists.");
        var events = (await session.Events.FetchStreamAsync(earlier.StoryId, earlier.ToVersion, token: context.RequestAborted))
            .Where(e => e.Version > earlier.FromVersion).Select(e => e.Data).ToList();
        return Respond(saved.Story, events);
    }
}
