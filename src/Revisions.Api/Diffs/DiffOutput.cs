using Microsoft.AspNetCore.Http.HttpResults;
using Revisions.Api.Http;
using Revisions.Diff;
using Revisions.Domain.Stories;

namespace Revisions.Api.Diffs;

public sealed record VersionRef(int Version, DateTimeOffset? At);

/// <summary>A diff as JSON: which story, which two versions, and what changed.</summary>
public sealed record StoryDiffView(Guid? StoryId, VersionRef? From, VersionRef? To, StoryDiff Diff);

/// <summary>The three shapes a diff is served in, and the refusals every diff request shares.</summary>
public static class DiffOutput
{
    public static readonly string[] Formats = ["json", "html", "text"];

    public static bool TryReadRequest(string? format, string? ignore, out DiffOptions options, out ProblemHttpResult? problem)
    {
        problem = null;
        if (format is not null && !Formats.Contains(format, StringComparer.OrdinalIgnoreCase))
        {
            options = DiffOptions.Default;
            problem = Problems.BadRequest("Unknown format", $"format must be one of: {string.Join(", ", Formats)}.");
            return false;
        }
        if (!DiffOptions.TryParseIgnore(ignore, out options, out var error))
        {
            problem = Problems.BadRequest("Unknown ignore option", error);
            return false;
        }
        return true;
    }

    /// <summary>Compares, refusing with 413 what is too large to compare within the time budget.</summary>
    public static Results<Ok<StoryDiffView>, RazorComponentResult, ContentHttpResult, ProblemHttpResult> Compare(StoryContent from, StoryContent to, DiffOptions options, string? format,
        Func<StoryDiff, StoryDiffView> describe)
    {
        StoryDiff diff;
        try
        {
            diff = StoryDiffer.Compare(from, to, options);
        }
        catch (DiffTooLargeException e)
        {
            return TypedResults.Problem(statusCode: 413, title: "Too large to compare", detail: e.Message);
        }

        return format?.ToLowerInvariant() switch
        {
            "html" => new RazorComponentResult<InlineDiff>(new Dictionary<string, object?> { [nameof(InlineDiff.Diff)] = diff })
            {
                ContentType = "text/html; charset=utf-8"
            },
            "text" => TypedResults.Text(TextDiffRenderer.Render(diff), "text/plain; charset=utf-8"),
            _ => TypedResults.Ok(describe(diff))
        };
    }
}
