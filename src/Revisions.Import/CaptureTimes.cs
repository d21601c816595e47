using System.Globalization;
using System.Text.RegularExpressions;

namespace Revisions.Import;

/// <summary>
/// Reads capture times. A time without a zone is refused rather than guessed: a backfilled history with
/// every save shifted by an hour is worse than an import that asks for the zone.
/// </summary>
public static partial class CaptureTimes
{
    /// <summary>Parses an ISO-8601 date-time with a zone, e.g. 2025-05-16T09:00:00Z or 2025-05-16T10:00:00+01:00.</summary>
    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        return text is not null && IsoWithZone().IsMatch(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }

    /// <summary>
    /// Finds a capture time in a file name, where ':' is not allowed and is usually written '-' or left out:
    /// 2025-05-16T09-00-00Z.txt, 20250516T090000Z.json, story_2025-05-16T09:00:00+01:00.txt. A zone (Z or an
    /// offset) is required, as above.
    /// </summary>
    public static bool TryParseFileName(string fileName, out DateTimeOffset value)
    {
        value = default;
        var m = FileNameTime().Match(Path.GetFileName(fileName));
        if (!m.Success) return false;
        var zone = m.Groups["zone"].Value;
        if (zone != "Z") zone = $"{zone[..3]}:{zone[^2..]}";
        var fraction = m.Groups["fraction"].Success ? "." + m.Groups["fraction"].Value : "";
        var iso = $"{m.Groups["y"]}-{m.Groups["mo"]}-{m.Groups["d"]}T{m.Groups["h"]}:{m.Groups["mi"]}:{m.Groups["s"]}{fraction}{zone}";
        return DateTimeOffset.TryParse(iso, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:?\d{2})$")]
    private static partial Regex IsoWithZone();

    [GeneratedRegex(@"(?<y>\d{4})-?(?<mo>\d{2})-?(?<d>\d{2})T(?<h>\d{2})[-:]?(?<mi>\d{2})[-:]?(?<s>\d{2})(?:[.,](?<fraction>\d{1,7}))?(?<zone>Z|[+-]\d{2}[-:]?\d{2})")]
    private static partial Regex FileNameTime();
}
