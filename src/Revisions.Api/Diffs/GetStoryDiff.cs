using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Revisions.Api.Http;
using Revisions.Api.Stories;
using Revisions.Domain.Legal;
using Wolverine.Http;

namespace Revisions.Api.Diffs;

public static class GetStoryDiffEndpoint
{
    /// <summary>
    /// What changed between two versions: fields, blocks added, removed, edited or moved, and words.
    /// <c>to</c> defaults to the latest version and <c>from</c> to the one before <c>to</c>; both also take
    /// <c>published</c>, <c>latest</c> or an ISO-8601 instant. <c>format</c> is json (default), html or text;
    /// <c>ignore</c> lists whitespace, punctuation and case to leave out of the comparison.
    /// </summary>
    [WolverineGet("/api/stories/{id}/diff", OperationId = "DiffStoryVersions")]
    [Tags("Diffs"), Authorize(Policy = Policies.Newsroom), ProblemResponses(400, 404, 413)]
    [TextAnswers("text/html", "text/plain")]
    public static async Task<Results<Ok<StoryDiffView>, RazorComponentResult, ContentHttpResult, ProblemHttpResult>> Get(string id, string? from, string? to, string? format, string? ignore, HttpContext context,
        IQuerySession session, CancellationToken cancellation)
    {
        if (!DiffOutput.TryReadRequest(format, ignore, out var options, out var requestProblem)) return requestProblem!;
        var story = await StoryLookup.FindAsync(session, id, cancellation);
        if (story is null) return Problems.NotFound(StoryLookup.Missing(id));

        var (newer, toProblem) = await VersionSelector.ResolveAsync(session, story, "to", to ?? "latest", cancellation);
        if (toProblem is not null) return toProblem;
        var (older, fromProblem) = await VersionSelector.ResolveAsync(session, story, "from",
            from ?? Math.Max(0, newer!.Version - 1).ToString(), cancellation);
        if (fromProblem is not null) return fromProblem;

        // Both sides with today's redactions applied, unless the caller is legal.
        var redactions = Roles.RedactionsFor(context, story.Redactions);
        return DiffOutput.Compare(RedactionRules.Apply(older!.Content, redactions), RedactionRules.Apply(newer!.Content, redactions), options, format, diff => new StoryDiffView(
            story.Id, new VersionRef(older.Version, older.At), new VersionRef(newer.Version, newer.At), diff));
    }
}
