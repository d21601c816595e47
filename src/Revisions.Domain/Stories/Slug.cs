using System.Globalization;
using System.Text;

namespace Revisions.Domain.Stories;

/// <summary>
/// A story's name in its URLs: lower-case letters and digits of any script, and single hyphens between words.
/// Latin letters lose their accents (é → e, ß → ss), as newsroom URLs usually do; the letters of other scripts
/// are kept as they are, lower-cased, so a headline in Greek, Cyrillic, Arabic or Japanese keeps a slug that
/// says something ("ÄÖÜ 東京" → "aou-東京", not just "story"). In a URL the non-ASCII letters travel
/// percent-encoded, and browsers show them as letters again.
/// </summary>
public static class Slug
{
    public const int MaxLength = 80;

    // Latin letters that no accent removal reaches: they have no decomposition into a base letter and a mark.
    private static readonly Dictionary<int, string> LatinFolds = new()
    {
        ['ß'] = "ss", ['æ'] = "ae", ['œ'] = "oe", ['ø'] = "o", ['đ'] = "d", ['ð'] = "d", ['þ'] = "th",
        ['ł'] = "l", ['ı'] = "i", ['ħ'] = "h", ['ŧ'] = "t", ['ŀ'] = "l",
    };

    public static string FromHeadline(string headline)
    {
        var builder = new StringBuilder(headline.Length);
        var pendingHyphen = false;
        // Marks belong to the letter before them: kept with a letter of another script (a vowel sign, a
        // virama), dropped with a Latin one (the accent of é).
        var keepMarks = false;
        foreach (var rune in headline.Normalize(NormalizationForm.FormD).EnumerateRunes())
        {
            if (IsMark(rune))
            {
                if (keepMarks) builder.Append(rune.ToString());
                continue;
            }
            var lower = Rune.ToLowerInvariant(rune);
            string? text;
            if (lower.IsAscii && Rune.IsLetterOrDigit(lower)) (text, keepMarks) = (lower.ToString(), false);
            else if (LatinFolds.TryGetValue(lower.Value, out var folded)) (text, keepMarks) = (folded, false);
            else if (Rune.IsLetterOrDigit(lower) && !IsUpper(lower)) (text, keepMarks) = (lower.ToString(), true);
            else
            {
                // An apostrophe joins a word ("Russia's" → "russias"); anything else separates words.
                if (lower.Value is not '\'' and not '’') pendingHyphen = true;
                keepMarks = false;
                continue;
            }
            if (builder.Length > 2 * MaxLength) break; // enough to cut from below
            if (pendingHyphen && builder.Length > 0) builder.Append('-');
            pendingHyphen = false;
            builder.Append(text);
        }
        var slug = Cut(builder.ToString().Normalize(NormalizationForm.FormC), MaxLength).Trim('-');
        return slug.Length == 0 ? "story" : slug;
    }

    public static bool IsValid(string? slug)
    {
        if (string.IsNullOrEmpty(slug) || slug.Length > MaxLength || slug[0] == '-' || slug[^1] == '-' || slug.Contains("--"))
            return false;
        if (Guid.TryParse(slug, out _) || !slug.IsNormalized(NormalizationForm.FormC)) return false;
        var previous = (Rune?)null;
        foreach (var rune in slug.EnumerateRunes())
        {
            var allowed = rune.Value == '-'
                          || Rune.IsLetterOrDigit(rune) && !IsUpper(rune)
                          || IsMark(rune) && previous is { } p && p.Value != '-';
            if (!allowed) return false;
            previous = rune;
        }
        return true;
    }

    /// <summary>
    /// The one spelling of a slug that readers' URLs use: lower case, composed (NFC). A URL typed or linked
    /// with another spelling is redirected to it.
    /// </summary>
    public static string Canonical(string slug) => slug.Normalize(NormalizationForm.FormC).ToLowerInvariant();

    /// <summary>The n-th alternative when a slug is taken: "talks", "talks-2", "talks-3", …</summary>
    public static string WithSuffix(string slug, int n)
    {
        if (n <= 1) return slug;
        var suffix = $"-{n.ToString(CultureInfo.InvariantCulture)}";
        return Cut(slug, MaxLength - suffix.Length).TrimEnd('-') + suffix;
    }

    /// <summary>At most <paramref name="length"/> characters, never cutting a letter from its marks or a character in half.</summary>
    private static string Cut(string slug, int length)
    {
        if (slug.Length <= length) return slug;
        var keep = length;
        while (keep > 0 && (char.IsLowSurrogate(slug[keep]) || IsMark(Rune.GetRuneAt(slug, keep)))) keep--;
        return slug[..keep];
    }

    private static bool IsMark(Rune rune) => Rune.GetUnicodeCategory(rune) is
        UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;

    private static bool IsUpper(Rune rune) => Rune.GetUnicodeCategory(rune) is
        UnicodeCategory.UppercaseLetter or UnicodeCategory.TitlecaseLetter;
}
