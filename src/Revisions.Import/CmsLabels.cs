using System.Text.RegularExpressions;

namespace Revisions.Import;

internal enum CmsField { Headline, ShortHeadline, Standfirst, Byline, Body }

/// <summary>A field label found at the start of a line; <see cref="Value"/> is null when the label stands alone and its value follows.</summary>
internal readonly record struct CmsLabel(CmsField Field, string? Value);

/// <summary>
/// Recognises the field labels of a CMS export in its three spellings:
/// glued to the value ("HeadlineDirect Talks…", exact case, the value starting with a capital, digit or quote),
/// separated by a colon or tab ("Standfirst: The first…", any case), or alone on a line ("Body", any case).
/// The glued form needs the capital so that ordinary sentences ("Headline inflation rose…") are not taken for labels.
/// </summary>
internal static partial class CmsLabels
{
    public static bool TryMatch(string line, out CmsLabel label)
    {
        var text = line.Trim();
        var glued = Glued().Match(text);
        if (glued.Success)
        {
            label = new CmsLabel(FieldOf(glued.Groups["label"].Value), glued.Groups["value"].Value.Trim());
            return true;
        }
        var spaced = Spaced().Match(text);
        if (spaced.Success)
        {
            var value = spaced.Groups["sep"].Success ? spaced.Groups["value"].Value.Trim() : null;
            label = new CmsLabel(FieldOf(spaced.Groups["label"].Value), value);
            return true;
        }
        label = default;
        return false;
    }

    public static string Name(CmsField field) => field switch
    {
        CmsField.ShortHeadline => "Short Headline",
        _ => field.ToString()
    };

    private static CmsField FieldOf(string label) =>
        label.ToLowerInvariant().Replace(" ", "").Replace("_", "").Replace("-", "") switch
        {
            "headline" => CmsField.Headline,
            "shortheadline" => CmsField.ShortHeadline,
            "standfirst" => CmsField.Standfirst,
            "byline" => CmsField.Byline,
            _ => CmsField.Body
        };

    [GeneratedRegex(@"^(?<label>Short Headline|Headline|Standfirst|Byline|Body)(?=[\p{Lu}\p{Nd}“""‘'«])(?<value>.+)$")]
    private static partial Regex Glued();

    [GeneratedRegex(@"^(?<label>short[ _-]?headline|headline|standfirst|byline|body)[ ]*(?:(?<sep>[:\t])[ \t]*(?<value>.*))?$", RegexOptions.IgnoreCase)]
    private static partial Regex Spaced();
}
