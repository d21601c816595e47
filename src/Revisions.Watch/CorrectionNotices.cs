using System.Text.RegularExpressions;

namespace Revisions.Watch;

/// <summary>
/// Whether a line of a page is the visible note a site puts on an article it has corrected: "Correction: …",
/// "This article was amended on …", "An earlier version of this story …". A watched page that changes
/// substantively without such a note appearing is a stealth edit (docs/watch.md).
/// </summary>
public static partial class CorrectionNotices
{
    public static bool IsNotice(string text) => text.Length > 0 && Notice().IsMatch(text);

    [GeneratedRegex(
        @"^\s*(corrections?|clarifications?|editor'?s note|update[sd]?|amendment)\s*[:\u2013\u2014-]|" +
        @"\b(an earlier|a previous|the original) version of this (article|story|report|piece)\b|" +
        @"\bthis (article|story|report|piece) (has been|was) (amended|corrected|updated|changed)\b|" +
        @"\bwe (have )?(corrected|amended)\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Notice();
}
