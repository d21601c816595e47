using System.Globalization;

namespace Revisions.Diff.Classification;

/// <summary>The small judgements the classifier makes about words. Documented in docs/standards.md.</summary>
internal static class WordRules
{
    // Exact quantities only: vague ones ("dozens", "hundreds", "thousands", "millions") state no figure a
    // reader could check, so an edit touching them is wording unless it has a figure of its own.
    private static readonly HashSet<string> NumberWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty",
        "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "thousand", "million", "billion",
        "trillion", "dozen", "half", "third", "quarter",
        "first", "second", "third", "fourth", "fifth", "once", "twice", "percent", "per cent",
        "yesterday", "today", "tomorrow"
    };

    /// <summary>
    /// Months and weekdays: dates, which English capitalises like names. Only capitalised ones count, so the
    /// verbs "may" and "march" are no dates.
    /// </summary>
    private static readonly HashSet<string> CalendarWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"
    };

    private const string OpeningQuotes = "“‘«„‚";
    private const string ClosingQuotes = "”’»";

    public static IReadOnlyList<string> Words(string text) =>
        text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w.Trim(Punctuation))
            .Where(w => w.Length > 0)
            .ToList();

    private static readonly char[] Punctuation = ".,;:!?\"'“”‘’«»()[]{}—–-…/".ToCharArray();

    /// <summary>How many <see cref="Words"/> the text has, without making them (every save counts a block's words).</summary>
    public static int CountWords(string text)
    {
        var count = 0;
        foreach (var range in text.AsSpan().SplitAny(WhiteSpace))
            if (!text.AsSpan()[range].Trim(Punctuation).IsEmpty) count++;
        return count;
    }

    private static readonly System.Buffers.SearchValues<char> WhiteSpace = System.Buffers.SearchValues.Create(
        Enumerable.Range(0, char.MaxValue + 1).Select(c => (char)c).Where(char.IsWhiteSpace).ToArray());

    /// <summary>Digits, amounts, spelled-out exact numbers, dates and days are facts a reader relies on.</summary>
    public static bool HasNumber(string text) =>
        text.Any(char.IsDigit) || Words(text).Any(w => NumberWords.Contains(w) || IsDate(w) || w.Contains('%'));

    private static bool IsDate(string word) => char.IsUpper(word[0]) && CalendarWords.Contains(word);

    /// <summary>
    /// A capitalised word that does not begin a sentence, or an acronym: the shape of a person's, place's or
    /// organisation's name in English copy. Months and weekdays have that shape too, but they are dates
    /// (<see cref="HasNumber"/>), so "today" → "on Friday" is one changed date, not a date and a name.
    /// </summary>
    public static bool HasName(string edited, string textBefore)
    {
        var words = edited.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var before = textBefore.TrimEnd();
        for (var i = 0; i < words.Length; i++)
        {
            var word = words[i].Trim(Punctuation);
            if (word.Length == 0 || !char.IsUpper(word[0]) || IsDate(word)) { before = words[i]; continue; }
            var sentenceStart = before.Length == 0 || before[^1] is '.' or '!' or '?' or '“' or '"' or ':';
            if (!sentenceStart || word.Length > 1 && word.All(c => char.IsUpper(c) || char.IsDigit(c))) return true;
            before = words[i];
        }
        return false;
    }

    /// <summary>True when the position lies between an opening and a closing quotation mark.</summary>
    public static bool InsideQuote(string textBefore)
    {
        int open = 0, straight = 0;
        foreach (var c in textBefore)
        {
            if (OpeningQuotes.Contains(c)) open++;
            else if (ClosingQuotes.Contains(c) && open > 0) open--;
            else if (c == '"') straight++;
        }
        return open > 0 || straight % 2 == 1;
    }

    public static bool HasQuoteMark(string text) => text.Any(c => c == '"' || OpeningQuotes.Contains(c) || (ClosingQuotes.Contains(c) && c != '’'));

    /// <summary>
    /// A small slip within one word: an edit distance (with transpositions) of at most 2, and at most a third
    /// of the word, so "Kier"→"Keir" or "goverment"→"government" qualify but "Moscow"→"Kyiv" does not; or
    /// punctuation alone put right. Spacing alone is no typo (<see cref="TextEdit.IsSpacing"/>).
    /// </summary>
    public static bool IsTypo(string removed, string added)
    {
        var a = Words(removed);
        var b = Words(added);
        if (a.Count != 1 || b.Count != 1)
            return a.Count == 0 && b.Count == 0 && !string.IsNullOrWhiteSpace(removed + added); // punctuation only
        var x = a[0];
        var y = b[0];
        if (string.Equals(x, y, StringComparison.OrdinalIgnoreCase)) return true;
        var longest = Math.Max(x.Length, y.Length);
        if (longest < 3) return false;
        var distance = Distance(x.ToLower(CultureInfo.InvariantCulture), y.ToLower(CultureInfo.InvariantCulture));
        return distance <= 2 && distance * 3 <= longest;
    }

    /// <summary>Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps.</summary>
    private static int Distance(string a, string b)
    {
        // One flat row-major table (row i, column j at i * width + j); a word is short, so it fits the stack.
        var width = b.Length + 1;
        var cells = (a.Length + 1) * width;
        var d = cells <= 1024 ? stackalloc int[cells] : new int[cells];
        for (var i = 0; i <= a.Length; i++) d[i * width] = i;
        for (var j = 0; j <= b.Length; j++) d[j] = j;
        for (var i = 1; i <= a.Length; i++)
        for (var j = 1; j <= b.Length; j++)
        {
            var cost = a[i - 1] == b[j - 1] ? 0 : 1;
            var here = Math.Min(Math.Min(d[(i - 1) * width + j] + 1, d[i * width + j - 1] + 1), d[(i - 1) * width + j - 1] + cost);
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                here = Math.Min(here, d[(i - 2) * width + j - 2] + 1);
            d[i * width + j] = here;
        }
        return d[a.Length * width + b.Length];
    }
}
