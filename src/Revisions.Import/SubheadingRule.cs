using System.Text.RegularExpressions;

namespace Revisions.Import;

/// <summary>
/// Decides whether a body line of a plain-text snapshot is a subheading or a paragraph. Text exports carry no
/// markup, so the decision rests on the one thing newsroom copy reliably does: paragraphs are sentences and end
/// with punctuation, subheadings are short labels and do not. A line is a subheading when ALL of these hold:
/// <list type="number">
/// <item>it has 1 to <see cref="MaxWords"/> words (separated by whitespace) and at most <see cref="MaxLength"/> characters;</item>
/// <item>its first character is an upper-case letter or a digit (so quotations, dashes, bullets and lower-case
/// continuations stay paragraphs);</item>
/// <item>its last character is a letter or a digit, i.e. it has no final punctuation of any kind
/// (. ! ? : ; , ” " ’ ' … ) and so on);</item>
/// <item>it contains no sentence break: no word of two or more lower-case letters followed by . ! ? or …
/// and a space ("Talks stalled. Fighting goes on" is two sentences; "U.S. Response" is not).</item>
/// </list>
/// Title case ("Conflict Continues on the Ground") and sentence case ("International responses") are both
/// accepted. A subheading phrased as a question ("What happens next?") is read as a paragraph: the final
/// "?" is indistinguishable from a one-line question paragraph. The headline and standfirst are never
/// classified; they are placed by position or by label.
/// </summary>
public static partial class SubheadingRule
{
    public const int MaxWords = 8;
    public const int MaxLength = 80;

    public static bool IsSubheading(string line)
    {
        var text = line.Trim();
        if (text.Length == 0 || text.Length > MaxLength) return false;
        if (text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length > MaxWords) return false;
        if (!(char.IsUpper(text[0]) || char.IsDigit(text[0]))) return false;
        if (!char.IsLetterOrDigit(text[^1])) return false;
        return !SentenceBreak().IsMatch(text);
    }

    [GeneratedRegex(@"\p{Ll}{2}[.!?…]\s")]
    private static partial Regex SentenceBreak();
}
