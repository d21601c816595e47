using Revisions.Domain.Stories;

namespace Revisions.Import;

/// <summary>
/// A parsed snapshot before it is checked, remembering the line of each field and block so that a problem
/// found by <see cref="ContentRules"/> ("body[3].text") can be reported at the line the editor has to fix.
/// </summary>
internal sealed record Draft(StoryContent Content, DateTimeOffset? CapturedAt, int Line, IReadOnlyDictionary<string, int> FieldLines)
{
    public int LineOf(string field)
    {
        var end = field.IndexOf(']');
        var key = end >= 0 ? field[..(end + 1)] : field.Split('.')[0];
        return FieldLines.TryGetValue(key, out var line) ? line : Line;
    }

    public static string BlockKey(int index) => $"body[{index}]";
}
