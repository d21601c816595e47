using System.Text.Json.Serialization;
using Revisions.Domain.Stories;

namespace Revisions.Diff;

[JsonConverter(typeof(JsonStringEnumConverter<BlockOp>))]
public enum BlockOp
{
    [JsonStringEnumMemberName("equal")] Equal,
    [JsonStringEnumMemberName("insert")] Insert,
    [JsonStringEnumMemberName("delete")] Delete,
    [JsonStringEnumMemberName("modify")] Modify,
    [JsonStringEnumMemberName("move")] Move
}

/// <summary>
/// One body block's fate. The list of block diffs is in reading order of the newer version, with deleted
/// blocks kept where they used to be; a moved block appears once, at its new place, with <see cref="FromIndex"/>
/// pointing at where it came from. Indexes are zero-based positions in the respective version's body.
/// </summary>
public sealed record BlockDiff
{
    public required BlockOp Op { get; init; }
    public int? FromIndex { get; init; }
    public int? ToIndex { get; init; }
    public BlockType? FromType { get; init; }
    public BlockType? ToType { get; init; }
    public string? FromText { get; init; }
    public string? ToText { get; init; }

    /// <summary>
    /// Word-level operations, filled for <see cref="BlockOp.Modify"/>, for a <see cref="BlockOp.Move"/> whose
    /// text changed, and for an equal block whose text differs only in ignored ways; empty otherwise
    /// (the texts say it all). Empty also when the engine fell back to a whole-block comparison.
    /// </summary>
    public IReadOnlyList<WordOp> Words { get; init; } = [];

    /// <summary>True when the text (not only the position or type) changed in a way the options count.</summary>
    [JsonIgnore]
    public bool HasTextChanges => Words.Any(w => w.Op != WordOpKind.Equal);
}
