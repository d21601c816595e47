using System.Globalization;
using System.Text;

namespace Revisions.Diff.Text;

/// <summary>
/// Splits text into words, single punctuation marks and whitespace runs. Word-level granularity keeps a
/// one-letter typo to one replaced word, while punctuation and spacing stay visible as their own small tokens
/// instead of dragging whole words into a change. A hand-written scanner (no regex) because it runs on every
/// changed block of every comparison.
/// </summary>
internal static class Tokenizer
{
    public static void Tokenize(string text, List<Token> into)
    {
        into.Clear();
        var i = 0;
        while (i < text.Length)
        {
            var start = i;
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                do i++; while (i < text.Length && char.IsWhiteSpace(text[i]));
                into.Add(new Token(start, i - start, TokenKind.Whitespace));
            }
            else if (IsWordStart(text, i, out var width))
            {
                i += width;
                while (i < text.Length)
                {
                    if (IsWordPart(text, i, out width)) i += width;
                    else if (IsJoiner(text, i)) i++;
                    else break;
                }
                into.Add(new Token(start, i - start, TokenKind.Word));
            }
            else
            {
                i += char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
                into.Add(new Token(start, i - start, TokenKind.Punctuation));
            }
        }
    }

    /// <summary>Counts words the way the tokenizer sees them, without building a token list.</summary>
    public static int CountWords(string? text)
    {
        if (string.IsNullOrEmpty(text)) return 0;
        var count = 0;
        var inWord = false;
        var i = 0;
        while (i < text.Length)
        {
            if (inWord && IsJoiner(text, i)) { i++; continue; }
            if (inWord ? IsWordPart(text, i, out var width) : IsWordStart(text, i, out width))
            {
                if (!inWord) count++;
                inWord = true;
                i += width;
            }
            else
            {
                inWord = false;
                i++;
            }
        }
        return count;
    }

    private static bool IsWordStart(string text, int i, out int width) => IsLetterOrDigit(text, i, out width);

    // Combining marks belong to the letter before them, so "é" written as e + U+0301 stays one word.
    private static bool IsWordPart(string text, int i, out int width)
    {
        if (IsLetterOrDigit(text, i, out width)) return true;
        var category = CharUnicodeInfo.GetUnicodeCategory(text[i]);
        width = 1;
        return category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark
            or UnicodeCategory.EnclosingMark or UnicodeCategory.ConnectorPunctuation;
    }

    private static bool IsLetterOrDigit(string text, int i, out int width)
    {
        var c = text[i];
        width = 1;
        if (c < 0x80) return char.IsAsciiLetterOrDigit(c);
        if (!char.IsSurrogate(c)) return char.IsLetterOrDigit(c);
        if (Rune.TryGetRuneAt(text, i, out var rune))
        {
            width = rune.Utf16SequenceLength;
            return Rune.IsLetterOrDigit(rune);
        }
        return false;
    }

    // An apostrophe between letters ("Russia’s", "don't") or a point/comma between digits ("2.5", "1,000")
    // keeps the word whole: changing "1,000" to "1,500" is one number replaced, not three tokens.
    private static bool IsJoiner(string text, int i)
    {
        if (i == 0 || i + 1 >= text.Length) return false;
        var c = text[i];
        var before = text[i - 1];
        var after = text[i + 1];
        return c switch
        {
            '\'' or '\u2019' => char.IsLetter(before) && char.IsLetter(after),
            '.' or ',' => char.IsDigit(before) && char.IsDigit(after),
            _ => false
        };
    }
}
