using System.Text.Json.Serialization;
using Revisions.Domain.Stories;

namespace Revisions.Domain.Corrections;

/// <summary>
/// Why a story changed, in the words newsrooms' standards codes use. Corrections, clarifications and updates
/// are shown to readers; editorial notes (style, trims) are for the newsroom only.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<NoteKind>))]
public enum NoteKind
{
    [JsonStringEnumMemberName("correction")] Correction,
    [JsonStringEnumMemberName("clarification")] Clarification,
    [JsonStringEnumMemberName("update")] Update,
    [JsonStringEnumMemberName("editorial")] Editorial
}

public static class NoteKinds
{
    public const int MaxTextLength = 2_000;

    public static bool IsPublic(this NoteKind kind) => kind is not NoteKind.Editorial;

    public static string Name(this NoteKind kind) => kind.ToString().ToLowerInvariant();

    public static bool TryParse(string? name, out NoteKind kind)
    {
        foreach (var candidate in Enum.GetValues<NoteKind>())
        {
            if (string.Equals(candidate.Name(), name?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                kind = candidate;
                return true;
            }
        }
        kind = default;
        return false;
    }

    public static string Allowed => string.Join(", ", Enum.GetValues<NoteKind>().Select(k => k.Name()));
}

/// <summary>
/// A typed note about one content version of the story. It becomes visible to readers (if its kind is
/// public) once that version, or a later one, is published.
/// </summary>
public sealed record StoryNoted(Guid StoryId, Guid NoteId, int AboutVersion, NoteKind Kind, string Text, string Editor) : IStoryEvent
{
    public string? Note => null;
}
