using System.Text.Json.Serialization;

namespace Revisions.Diff;

[JsonConverter(typeof(JsonStringEnumConverter<FieldOp>))]
public enum FieldOp
{
    [JsonStringEnumMemberName("unchanged")] Unchanged,
    [JsonStringEnumMemberName("added")] Added,
    [JsonStringEnumMemberName("removed")] Removed,
    [JsonStringEnumMemberName("modified")] Modified
}

/// <summary>
/// One of the story's single-value fields (headline, shortHeadline, standfirst, byline), compared as a whole.
/// <see cref="Field"/> uses the same names as the API and the events (<c>StoryContent.Fields</c>).
/// </summary>
public sealed record FieldDiff
{
    public required string Field { get; init; }
    public required FieldOp Op { get; init; }
    public string? From { get; init; }
    public string? To { get; init; }

    /// <summary>Word-level operations; filled for <see cref="FieldOp.Modified"/> (and for unchanged fields
    /// whose text differs only in ignored ways), empty otherwise.</summary>
    public IReadOnlyList<WordOp> Words { get; init; } = [];
}
