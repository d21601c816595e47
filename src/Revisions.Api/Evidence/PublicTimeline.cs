using System.Globalization;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Revisions.Api.Stories;

namespace Revisions.Api.Evidence;

/// <summary>When the story was public, as a 404 answer lists it.</summary>
public sealed record PublicSpan(DateTimeOffset From, DateTimeOffset? Until);

/// <summary>
/// One stretch of time during which one version of a story was what the public saw: a publish, or a dated
/// capture of the public page imported from an archive (<see cref="Captured"/>), shown from the moment it was
/// captured.
/// </summary>
public sealed record LiveSpan(StoryVersion Publish, DateTimeOffset From, DateTimeOffset? Until)
{
    public bool Captured => PublicTimeline.IsCapture(Publish);

    /// <summary>The content version the public saw: the one the publish put live, or the capture itself.</summary>
    public int ContentVersion => Captured ? Publish.Version : Publish.Story.PublishedVersion ?? Publish.Story.ContentVersion;
}

/// <summary>
/// When the story was public and with which content: its publishes, unpublishes and dated captures, in the
/// order they happened. A publish is live from its own instant, a capture from when it was captured, until the
/// next of them or an unpublish.
/// </summary>
public sealed class PublicTimeline(IReadOnlyList<LiveSpan> spans)
{
    public IReadOnlyList<LiveSpan> Spans => spans;

    /// <param name="withCaptures">False for what Revisions itself put live (its publishes and unpublishes), as evidence
    /// bundles prove it: a capture says what an archive saw, and its event was stored only when it was imported.</param>
    public static async Task<PublicTimeline> LoadAsync(IQuerySession session, Guid storyId, CancellationToken cancellation, bool withCaptures = true)
    {
        var rows = await session.Query<StoryVersion>()
            .Where(v => v.StoryId == storyId && (v.Kind == "published" || v.Kind == "unpublished" || v.CapturedAt != null))
            .ToListAsync(cancellation);
        var changes = rows.Where(v => v.Kind is "published" or "unpublished" || (withCaptures && IsCapture(v))).OrderBy(ShownAt).ThenBy(v => v.Version).ToList();
        var spans = new List<LiveSpan>();
        for (var i = 0; i < changes.Count; i++)
        {
            if (changes[i].Kind == "unpublished") continue;
            spans.Add(new LiveSpan(changes[i], ShownAt(changes[i]), i + 1 < changes.Count ? ShownAt(changes[i + 1]) : null));
        }
        return new PublicTimeline(spans);
    }

    /// <summary>A version imported from a dated capture of the public page: evidence of what was public then.</summary>
    public static bool IsCapture(StoryVersion version) => version.CapturedAt is not null && version.Kind is "imported" or "created";

    /// <summary>When a version was shown to the public: a capture when it was captured, anything else when it was stored.</summary>
    public static DateTimeOffset ShownAt(StoryVersion version) => IsCapture(version) ? version.CapturedAt!.Value : version.At;

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
