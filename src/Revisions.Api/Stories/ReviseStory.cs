using Marten;
using Revisions.Api.Corrections;
using Revisions.Api.Http;
using Revisions.Domain.Stories;
using Wolverine.Http;

namespace Revisions.Api.Stories;

/// <summary>The full new content, as a CMS saves it, and the version the editor started from.</summary>
public sealed record ReviseStory(
    string? Headline,
    string? ShortHeadline,
    string? Standfirst,
    string? Byline,
    IReadOnlyList<Block>? Body,
    string? Note,
    string? NoteKind,
    int? ExpectedVersion) : IStoryFields;

public static class ReviseStoryEndpoint
{
    /// <summary>
    /// Saves new content as the next version; saving identical content changes nothing. With a
    /// <c>noteKind</c> the note is a typed note (correction, clarification, update, editorial) about this version.
    /// </summary>
    [WolverinePut("/api/stories/{id}", OperationId = "ReviseStory")]
    [Tags("Stories")]
    public static Task<IResult> Put(string id, ReviseStory command, HttpContext context, IDocumentSession session, ContentLimits limits, CancellationToken cancellation)
    {
        var content = command.ToContent();
        var problems = ContentRules.Check(content, limits);
        if (problems.Count > 0) return Task.FromResult(Problems.InvalidContent(problems));
        if (!TypedNote.TryRead(command.NoteKind, command.Note, out var kind, out var noteProblem)) return Task.FromResult(noteProblem!);

        return StoryWrites.ApplyAsync(context, session, id, command.ExpectedVersion,
            (story, editor, _) =>
            {
                var revised = story.Revise(content, editor, kind is null ? command.Note : null);
                if (revised.Count == 0) return Task.FromResult(new Decision([]));
                var next = story.Then(revised, DateTimeOffset.UtcNow);
                return Task.FromResult(new Decision([.. revised, .. TypedNote.Events(next, kind, command.Note, next.ContentVersion, editor)]));
            },
            cancellation);
    }
}
