namespace Revisions.Diff.Classification;

/// <summary>A phrase a revision replaced: the wording that was wrong and what it became.</summary>
public sealed record PhraseChange(string Old, string New);

/// <summary>
/// The phrases a correction changed — names, numbers, quoted words, misspellings — so the desk can look for
/// the same mistake in other stories.
/// </summary>
public static class CorrectedPhrases
{
    private const string LeadingMarks = "\"'“‘«([";
    private const string TrailingMarks = ".,;:!?\"'“”‘’«»()[]…";
    private const string ClosingMarks = "\"'”’»)]";

    /// <summary>Reads a diff made with exact word operations (<see cref="DiffOptions.StoredContent"/>).</summary>
    public static IReadOnlyList<PhraseChange> From(StoryDiff diff)
    {
        var changes = new List<PhraseChange>();
        var edited = diff.Fields.Where(f => f.Op == FieldOp.Modified).Select(f => f.Words)
            .Concat(diff.Body.Where(b => b.Op is BlockOp.Modify or BlockOp.Move && b.HasTextChanges).Select(b => b.Words));
        foreach (var words in edited)
        {
            foreach (var edit in TextEdit.From(words))
            {
                var removed = edit.Removed.Trim();
                if (WordRules.CountWords(removed) == 0) continue;
                // The search ignores case, so a change of case only would find the right spelling as well.
                if (string.Equals(removed, edit.Added.Trim(), StringComparison.OrdinalIgnoreCase)) continue;
                var number = WordRules.HasNumber(removed);
                var misspelt = !number && WordRules.IsTypo(edit.Removed, edit.Added);
                var factual = number || misspelt || WordRules.HasName(removed, edit.OldBefore) || WordRules.InsideQuote(edit.OldBefore);
                if (!factual) continue;
                changes.Add(misspelt
                    ? new PhraseChange(removed, edit.Added.Trim())
                    : new PhraseChange(Widen(edit.OldText, edit.OldBefore.Length, edit.Removed),
                                       Widen(edit.NewText, edit.NewBefore.Length, edit.Added)));
            }
        }
        return changes.Distinct().ToList();
    }

    /// <summary>
    /// A misspelling is wrong wherever it appears, so it is looked for as it stands. Anything else — a figure,
    /// a day, a name put in another's place, quoted words — was wrong in what it said about something: "three"
    /// or "20" alone would match every story. So the phrase becomes the whole words the edit touched ("20%",
    /// "three-hour") with the nearest word on each side within the same sentence ("around 20% of", "lasted
    /// three days", "Three ministers"), which is the same statement rather than the same digits. The result is
    /// always a stretch of <paramref name="text"/> as written.
    /// </summary>
    private static string Widen(string text, int at, string edited)
    {
        var start = at + (edited.Length - edited.TrimStart().Length);
        var end = at + edited.TrimEnd().Length;
        if (end > start)
        {
            int touchedStart = start, touchedEnd = end;
            while (start > 0 && !char.IsWhiteSpace(text[start - 1])) start--;
            while (end < text.Length && !char.IsWhiteSpace(text[end])) end++;
            while (start < touchedStart && LeadingMarks.Contains(text[start])) start++;
            while (end > touchedEnd && TrailingMarks.Contains(text[end - 1])) end--;
        }
        else start = end = Math.Min(Math.Max(start, 0), text.Length);

        var before = start;
        while (before > 0 && (char.IsWhiteSpace(text[before - 1]) || LeadingMarks.Contains(text[before - 1]))) before--;
        var last = before - 1;
        while (last >= 0 && ClosingMarks.Contains(text[last])) last--;
        if (last >= 0 && !EndsClause(text[last]))
        {
            var word = before;
            while (word > 0 && !char.IsWhiteSpace(text[word - 1])) word--;
            while (word < before && LeadingMarks.Contains(text[word])) word++;
            if (word < before) start = word;
        }

        var after = end;
        while (after < text.Length && !char.IsLetterOrDigit(text[after]) && !EndsClause(text[after])) after++;
        if (after < text.Length && char.IsLetterOrDigit(text[after]))
        {
            var word = after;
            while (word < text.Length && !char.IsWhiteSpace(text[word])) word++;
            while (word > after && TrailingMarks.Contains(text[word - 1])) word--;
            end = word;
        }
        return text[start..end].Trim();
    }

    private static bool EndsClause(char c) => c is '.' or '!' or '?' or ';' or ':';
}
