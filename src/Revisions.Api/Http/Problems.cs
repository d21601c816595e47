using Microsoft.AspNetCore.Mvc;
using Revisions.Domain.Stories;

namespace Revisions.Api.Http;

/// <summary>The RFC 9457 answers Revisions gives, so every refusal reads the same way.</summary>
public static class Problems
{
    public static IResult NotFound(string what) =>
        Results.Problem(statusCode: 404, title: "Not found", detail: what);

    public static IResult NoSuchVersion(int latest, int requested) =>
        NotFound($"The story has versions 1 to {latest}; there is no version {requested}.");

    public static IResult BadRequest(string title, string? detail = null) =>
        Results.Problem(statusCode: 400, title: title, detail: detail);

    public static IResult Unprocessable(string title, string? detail = null) =>
        Results.Problem(statusCode: 422, title: title, detail: detail);

    public static IResult VersionRequired() =>
        Results.Problem(statusCode: 428, title: "The version you edited is required",
            detail: "Send the version you last read in an If-Match header (If-Match: \"3\") or as \"expectedVersion\" in the body, so that nobody's save is silently overwritten.");

    /// <summary>Someone else saved first. The client learns the current version so it can reload and merge.</summary>
    public static IResult Conflict(Story current, int? expected) =>
        Results.Problem(statusCode: 409, title: "The story has changed since you read it",
            detail: expected is null
                ? $"The story is now at version {current.Version}."
                : $"You edited version {expected}, but the story is now at version {current.Version}. Reload it, reapply your change and save again.",
            extensions: new Dictionary<string, object?> { ["currentVersion"] = current.Version, ["expectedVersion"] = expected });

    public static IResult Conflict(string title, string detail) =>
        Results.Problem(statusCode: 409, title: title, detail: detail);

    /// <summary>Content problems: 413 when anything is too large, 400 otherwise, with every problem listed by field.</summary>
    public static IResult InvalidContent(IReadOnlyList<ContentProblem> problems)
    {
        var oversize = problems.Any(p => p.Oversize);
        var errors = problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray());
        return Results.Problem(
            statusCode: oversize ? 413 : 400,
            title: oversize ? "The story is too large" : "The story is not valid",
            detail: string.Join(" ", problems.Select(p => p.Message).Distinct()),
            extensions: new Dictionary<string, object?> { ["errors"] = errors });
    }
}
