using System.Globalization;
using System.Text;

namespace Revisions.Domain.Stories;

/// <summary>URL-safe story names: lower-case ASCII letters, digits and single hyphens.</summary>
public static class Slug
{
    public const int MaxLength = 80;

    public static string FromHeadline(string headline)
    {
        var builder = new StringBuilder(headline.Length);
        var pendingHyphen = false;
        foreach (var c in headline.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            var lower = char.ToLowerInvariant(c);
            if (lower is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                if (pendingHyphen && builder.Length > 0) builder.Append('-');
                pendingHyphen = false;
                builder.Append(lower);
                if (builder.Length >= MaxLength) break;
            }
            else if (lower is not '\'' and not '’')
            {
                pendingHyphen = true;
            }
        }
        var slug = builder.ToString().Trim('-');
        return slug.Length == 0 ? "story" : slug;
    }

    public static bool IsValid(string? slug) =>
        !string.IsNullOrEmpty(slug)
        && slug.Length <= MaxLength
        && slug[0] != '-' && slug[^1] != '-'
        && !slug.Contains("--")
        && slug.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-')
        && !Guid.TryParse(slug, out _);

    /// <summary>The n-th alternative when a slug is taken: "talks", "talks-2", "talks-3", …</summary>
    public static string WithSuffix(string slug, int n) =>
        n <= 1 ? slug : $"{slug[..Math.Min(slug.Length, MaxLength - 1 - n.ToString(CultureInfo.InvariantCulture).Length)].TrimEnd('-')}-{n}";
}
