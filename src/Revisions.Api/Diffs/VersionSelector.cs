using System.Globalization;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Revisions.Api.Http;
using Revisions.Api.Stories;
using Revisions.Domain.Stories;

namespace Revisions.Api.Diffs;

/// <summary>One side of a comparison: a version of the story, or nothing (version 0, before it existed).</summary>
public sealed record SelectedVersion(int Version, DateTimeOffset? At, StoryContent Content)
{
    public static readonly StoryContent Nothing = new("", null, null, null, []);
}

/// <summary>
/// Reads the <c>from</c>/<c>to</c> of a diff request: a version number, <c>published</c> (the live content),
/// <c>latest</c>, or an ISO-8601 instant (the version that stood then).
/// </summary>
public static class VersionSelector
{
    public static async Task<(SelectedVersion? Version, ProblemHttpResult? Problem)> ResolveAsync(
        IQuerySession session, Story story, string name, string spec, CancellationToken cancellation)
    {
        spec = spec.Trim();
        if (spec.Equals("latest", StringComparison.OrdinalIgnoreCase))
            return (new SelectedVersion(story.Version, story.UpdatedAt, story.Content), null);

        if (spec.Equals("published", StringComparison.OrdinalIgnoreCase))
        {
            if (story.PublishedVersion is not { } live)
                return (null, Problems.NotFound($"'{name}=published': the story is not published."));
            return await ByNumberAsync(session, story, name, live, cancellation);
        }

        if (int.TryParse(spec, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            return await ByNumberAsync(session, story, name, number, cancellation);

        if (Instants.TryParse(spec, out var instant))
        {
            var row = await StoryVersion.StandingAtAsync(session, story.Id, instant, cancellation);
            return row is null
                ? (null, Problems.NotFound($"'{name}={spec}': the story did not exist yet at that instant."))
                : (new SelectedVersion(row.Version, row.At, row.Story.Content), null);
        }

        return (null, Problems.BadRequest($"'{name}' is not a version",
            $"'{spec}' is not a version number, 'published', 'latest' or an ISO-8601 instant."));
    }

    private static async Task<(SelectedVersion?, ProblemHttpResult?)> ByNumberAsync(
        IQuerySession session, Story story, string name, int number, CancellationToken cancellation)
    {
        if (number == 0) return (new SelectedVersion(0, null, SelectedVersion.Nothing), null);
        if (number > story.Version)
            return (null, Problems.NotFound($"'{name}={number}': the story has versions 1 to {story.Version}."));
        var row = await StoryVersion.LoadAsync(session, story.Id, number, cancellation);
        return row is null
            ? (null, Problems.NotFound($"'{name}={number}': that version is not in the read model; rebuild projections."))
            : (new SelectedVersion(row.Version, row.At, row.Story.Content), null);
    }
}
