using System.Text.Json.Serialization;

namespace Revisions.Diff;

/// <summary>What happened to a run of text inside a field or block.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<WordOpKind>))]
public enum WordOpKind
{
    [JsonStringEnumMemberName("equal")] Equal,
    [JsonStringEnumMemberName("insert")] Insert,
    [JsonStringEnumMemberName("delete")] Delete
}

/// <summary>
/// A run of adjacent tokens (words, punctuation, whitespace) with the same fate. Equal runs carry the text
/// of the newer version, so concatenating the equal and insert runs always reproduces the newer text exactly,
/// even when ignore options hid a difference.
/// </summary>
public sealed record WordOp(WordOpKind Op, string Text);
