using Microsoft.AspNetCore.Http.HttpResults;
using Revisions.Domain.Stories;

namespace Revisions.Api.Http;

/// <summary>The RFC 9457 answers Revisions gives, so every refusal reads the same way.</summary>
public static class Problems
{
    public static ProblemHttpResult NotFound(string what) =>
        TypedResults.Problem(statusCode: 404, title: "Not found", detail: what);

    public static ProblemHttpResult NoSuchVersion(int latest, int requested) => Refused(Refusal.NoSuchVersion(latest, requested));

    public static ProblemHttpResult BadRequest(string title, string? detail = null) =>
        TypedResults.Problem(statusCode: 400, title: title, detail: detail);

    public static ProblemHttpResult InvalidSlug() =>
        BadRequest("The slug is not valid",
            $"A slug is 1 to {Slug.MaxLength} lower-case letters, digits and single hyphens, such as 'istanbul-talks-resume'.");

    public static ProblemHttpResult Unprocessable(string title, string? detail = null) =>
        TypedResults.Problem(statusCode: 422, title: title, detail: detail);

    public static ProblemHttpResult VersionRequired() =>
        TypedResults.Problem(statusCode: 428, title: "The version you edited is required",
            detail: "Send the version you last read in an If-Match header (If-Match: \"3\") or as \"expectedVersion\" in the body, so that nobody's save is silently overwritten.");

    /// <summary>The answer to a refusal a story decided (Domain/Stories/Decision.cs).</summary>
    public static ProblemHttpResult Refused(Refusal refusal) => refusal.Kind switch
    {
        RefusalKind.NotFound => TypedResults.Problem(statusCode: 404, title: refusal.Title, detail: refusal.Detail),
        RefusalKind.Conflict => TypedResults.Problem(statusCode: 409, title: refusal.Title, detail: refusal.Detail),
        _ => TypedResults.Problem(statusCode: 400, title: refusal.Title, detail: refusal.Detail)
    };

    /// <summary>Someone else saved first. The client learns the current version so it can reload and merge.</summary>
    public static ProblemHttpResult Conflict(StoryState current, int? expected) =>
        TypedResults.Problem(statusCode: 409, title: "The story has changed since you read it",
            detail: expected is null
                ? $"The story is now at version {current.Version}."
                : $"You edited version {expected}, but the story is now at version {current.Version}. Reload it, reapply your change and save again.",
            extensions: new Dictionary<string, object?> { ["currentVersion"] = current.Version, ["expectedVersion"] = expected });

    public static ProblemHttpResult Conflict(string title, string detail) =>
        TypedResults.Problem(statusCode: 409, title: title, detail: detail);

    /// <summary>What is wrong with a story's content under the newsroom's limits; null when nothing is.</summary>
    public static Microsoft.AspNetCore.Mvc.ProblemDetails? ForContent(StoryContent content, ContentLimits limits) =>
        ContentRules.Check(content, limits) is { Count: > 0 } problems ? InvalidContent(problems).ProblemDetails : null;

    /// <summary>Content problems: 413 when anything is too large, 400 otherwise, with every problem listed by field.</summary>
    public static ProblemHttpResult InvalidContent(IReadOnlyList<ContentProblem> problems)
    {
        var oversize = problems.Any(p => p.Oversize);
        var errors = problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray());
        return TypedResults.Problem(
            statusCode: oversize ? 413 : 400,
            title: oversize ? "The story is too large" : "The story is not valid",
            detail: string.Join(" ", problems.Select(p => p.Message).Distinct()),
            extensions: new Dictionary<string, object?> { ["errors"] = errors });
    }
}
