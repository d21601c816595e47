using System.Buffers;
using System.Globalization;

namespace Revisions.Domain.Stories;

/// <summary>
/// What text the newsroom accepts anywhere: no control characters but tabs and line breaks, no broken
/// characters, and — where something must be said, such as a headline, a block or a reason — at least one
/// character a reader can see.
/// </summary>
public static class TextRules
{
    /// <summary>
    /// Where the first control character (other than tab and line breaks) or broken character (a lone
    /// surrogate) is, or -1. They come from broken encodings or hostile input, would poison diffs, feeds and
    /// exports, and PostgreSQL cannot store a NUL in JSON at all.
    /// </summary>
    public static int InvalidCharacterAt(string text)
    {
        // Every save checks every character of the story: the search for a suspect is vectorised, and only a
        // surrogate it stops at needs a second look (a pair is a valid character).
        var i = 0;
        while (true)
        {
            var found = text.AsSpan(i).IndexOfAny(Suspects);
            if (found < 0) return -1;
            i += found;
            if (!char.IsHighSurrogate(text[i]) || i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1])) return i;
            i += 2;
        }
    }

    /// <summary>Control characters but tab and line breaks (U+0000–U+001F, U+007F–U+009F), and every surrogate.</summary>
    private static readonly SearchValues<char> Suspects = SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Where(c => c is not ('\t' or '\n' or '\r')).Select(c => (char)c),
         .. Enumerable.Range(0x7F, 0x9F - 0x7F + 1).Select(c => (char)c),
         .. Enumerable.Range(0xD800, 0xDFFF - 0xD800 + 1).Select(c => (char)c)]);

    /// <summary>
    /// True when <paramref name="text"/> has a character a reader can see: not only spaces, zero-width and
    /// other format characters (U+200B, U+FEFF, bidirectional marks…), combining marks with nothing to sit on,
    /// or the blank "letters" some scripts have (Hangul fillers, the blank Braille pattern).
    /// </summary>
    public static bool HasVisibleCharacter(string? text)
    {
        if (text is null) return false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c) || Invisible(c)) continue;
            switch (CharUnicodeInfo.GetUnicodeCategory(text, i))
            {
                case UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.NonSpacingMark
                    or UnicodeCategory.EnclosingMark or UnicodeCategory.SpacingCombiningMark:
                    continue;
                default:
                    return true;
            }
        }
        return false;
    }

    private static bool Invisible(char c) => c is '\u115F' or '\u1160' or '\u3164' or '\uFFA0' or '\u2800' or '\u180E';

    /// <summary>
    /// Where the first bidirectional embedding, override or isolate (U+202A–U+202E, U+2066–U+2069) is, or -1.
    /// In a title they make what readers see differ from what is stored and searched ("Trojan Source").
    /// </summary>
    public static int BidiControlAt(string text)
    {
        for (var i = 0; i < text.Length; i++)
            if (text[i] is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069') return i;
        return -1;
    }
}
