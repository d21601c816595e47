namespace Revisions.Diff.Classification;

/// <summary>A phrase a revision replaced: the wording that was wrong and what it became.</summary>
public sealed record PhraseChange(string Old, string New);

/// <summary>
/// The phrases a correction changed — names, numbers, quoted words, misspellings — so the desk can look for
/// the same mistake in other stories.
/// </summary>
public static class CorrectedPhrases
{
    private const int MinimumLength = 4;

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
                var factual = WordRules.HasNumber(removed) || WordRules.HasName(removed, edit.OldBefore)
                              || WordRules.InsideQuote(edit.OldBefore) || WordRules.IsTypo(edit.Removed, edit.Added);
                if (!factual) continue;
                var old = Widen(removed, edit.OldBefore, edit.OldText[(edit.OldBefore.Length + edit.Removed.Length)..]);
                changes.Add(new PhraseChange(old, edit.Added.Trim()));
            }
        }
        return changes.Distinct().ToList();
    }

    /// <summary>
    /// A short or numeric phrase ("20") would match everywhere; one word of context on each side
    /// ("around 20% of") makes it the same statement rather than the same digits.
    /// </summary>
    private static string Widen(string removed, string before, string after)
    {
        if (removed.Length >= MinimumLength && !removed.All(c => char.IsDigit(c) || char.IsPunctuation(c))) return removed;
        var left = before.TrimEnd().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "";
        var right = after.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
        var glued = after.Length > 0 && !char.IsWhiteSpace(after[0]);
        var leftGlued = before.Length > 0 && !char.IsWhiteSpace(before[^1]);
        return $"{left}{(leftGlued ? "" : " ")}{removed}{(glued ? "" : " ")}{right}".Trim();
    }
}
