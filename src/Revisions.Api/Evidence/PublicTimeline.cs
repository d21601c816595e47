using System.Globalization;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Revisions.Api.Stories;

namespace Revisions.Api.Evidence;

/// <summary>When the story was public, as a 404 answer lists it.</summary>
public sealed record PublicSpan(DateTimeOffset From, DateTimeOffset? Until);

/// <summary>One stretch of time during which one publish of a story was what the public saw.</summary>
public sealed record LiveSpan(StoryVersion Publish, DateTimeOffset From, DateTimeOffset? Until);

/// <summary>
/// When the story was public and with which content: its publishes and unpublishes in order. A publish is
/// live from its own instant until the next publish or unpublish.
/// </summary>
public sealed class PublicTimeline(IReadOnlyList<LiveSpan> spans)
{
    public IReadOnlyList<LiveSpan> Spans => spans;

    public static async Task<PublicTimeline> LoadAsync(IQuerySession session, Guid storyId, CancellationToken cancellation)
    {
        var changes = await session.Query<StoryVersion>()
            .Where(v => v.StoryId == storyId && (v.Kind == "published" || v.Kind == "unpublished"))
            .OrderBy(v => v.Version)
            .ToListAsync(cancellation);
        var spans = new List<LiveSpan>();
        for (var i = 0; i < changes.Count; i++)
        {
            if (changes[i].Kind != "published") continue;
            spans.Add(new LiveSpan(changes[i], changes[i].At, i + 1 < changes.Count ? changes[i + 1].At : null));
        }
        return new PublicTimeline(spans);
    }

    /// <summary>The 404 for an instant when the story was not public, naming the spans when it was.</summary>
    public ProblemHttpResult NotPublic(DateTimeOffset instant)
    {
        var listed = Spans.Select(s => new PublicSpan(s.From, s.Until)).ToList();
        var when = listed.Count == 0
            ? "It has never been published."
            : "It was public " + string.Join("; ", listed.Select(s => s.Until is { } until
                ? $"from {Iso(s.From)} until {Iso(until)}"
                : $"from {Iso(s.From)} on (still live)")) + ".";
        return TypedResults.Problem(statusCode: 404, title: "The story was not public then",
            detail: $"The story was not public at {Iso(instant)}. {when}",
            extensions: new Dictionary<string, object?> { ["publicDuring"] = listed });
    }

    private static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture);

    /// <summary>The span live at <paramref name="instant"/>, or null when the story was not public then.</summary>
    public LiveSpan? At(DateTimeOffset instant) =>
        spans.LastOrDefault(s => s.From <= instant && (s.Until is null || instant < s.Until));
}
