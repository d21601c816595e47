using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Revisions.Api.Http;
using Revisions.Api.Stories;
using Revisions.Domain.Stories;
using Wolverine.Http;

namespace Revisions.Api.Diffs;

/// <summary>Two story bodies to compare; nothing is stored.</summary>
public sealed record PreviewDiff(DraftFields? From, DraftFields? To, string? Ignore, string? Format);

public sealed record DraftFields(string? Headline, string? ShortHeadline, string? Standfirst, string? Byline, IReadOnlyList<Block>? Body) : IStoryFields;

public static class PreviewDiffEndpoint
{
    /// <summary>
    /// Compares two story bodies without saving anything, so a CMS can show an editor their change before
    /// they save it. Takes the same options as the stored diff, in the body.
    /// </summary>
    [WolverinePost("/api/diff", OperationId = "PreviewDiff")]
    [Tags("Diffs"), Authorize(Policy = Policies.Newsroom), ProblemResponses(400, 413)]
    [TextAnswers("text/html", "text/plain")]
    public static Results<Ok<StoryDiffView>, RazorComponentResult, ContentHttpResult, ProblemHttpResult> Post(PreviewDiff request, ContentLimits limits)
    {
        if (request.From is null || request.To is null)
            return Problems.BadRequest("Two stories are needed", "Send {\"from\": {…story…}, \"to\": {…story…}}.");
        if (!DiffOutput.TryReadRequest(request.Format, request.Ignore, out var options, out var requestProblem)) return requestProblem!;

        var from = request.From.ToContent();
        var to = request.To.ToContent();
        var problems = ContentRules.Check(from, limits).Select(p => p with { Field = $"from.{p.Field}" })
            .Concat(ContentRules.Check(to, limits).Select(p => p with { Field = $"to.{p.Field}" }))
            .ToList();
        if (problems.Count > 0) return Problems.InvalidContent(problems);

        return DiffOutput.Compare(from.Normalised(), to.Normalised(), options, request.Format,
            diff => new StoryDiffView(null, null, null, diff));
    }
}
