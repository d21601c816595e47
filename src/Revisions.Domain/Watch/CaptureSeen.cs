using Revisions.Domain.Stories;

namespace Revisions.Domain.Watch;

/// <summary>
/// A watched page was fetched again and showed the content the story already holds: no new version of the
/// content, but a dated sighting of it, whose raw response (<see cref="SnapshotCapture.RecordSha256"/>) is kept
/// and chained like any capture. It tells a court the page still said this at <see cref="SnapshotCapture.CapturedAt"/>.
/// </summary>
public sealed record CaptureSeen(Guid StoryId, SnapshotCapture Capture, string Editor, string? Note) : IStoryEvent;
