using Revisions.Domain.Stories;

namespace Revisions.Diff.Classification;

/// <summary>
/// Reads a diff the way a standards editor would: which facts changed (numbers, names, quotes, the
/// headline), which paragraphs came and went, and whether the change is substantive. The rules are
/// documented in docs/standards.md.
/// </summary>
public static class ChangeClassifier
{
    /// <summary>Share of a block's words that must change for the edit to count as a rewrite.</summary>
    public const double RewriteShare = 0.4;
    private const int RewriteMinimumWords = 6;

    /// <summary>
    /// The version of these rules, recorded with every classified change. Raise it with any change that would
    /// read a stored change differently, so that a rebuild classifies changes recorded under older rules again.
    /// </summary>
    public const int Rules = 2;

    /// <summary>Stored content is classified whatever its size (<see cref="DiffOptions.StoredContent"/>).</summary>
    public static ChangeClassification Classify(StoryContent from, StoryContent to) =>
        Classify(StoryDiffer.Compare(from, to, DiffOptions.StoredContent));

    /// <summary>Whether <paramref name="recorded"/> was made by these rules, so it stands without comparing again.</summary>
    public static bool IsCurrent(ClassifiedChange? recorded) => recorded?.Rules == Rules;

    /// <summary>
    /// The change as recorded with its event when these rules made it; otherwise classified now, against
    /// <paramref name="from"/> (which only then is needed).
    /// </summary>
    public static ChangeClassification Read(StoryContent? from, StoryContent to, ClassifiedChange? recorded) =>
        IsCurrent(recorded)
            ? new ChangeClassification(recorded!.Kinds, recorded.Summary, recorded.Substantive)
            : Classify(from ?? throw new ArgumentNullException(nameof(from), "A change recorded under other rules is read against the content before it."), to);

    public static ChangeClassification Classify(StoryDiff diff)
    {
        if (diff.IsEmpty) return ChangeClassification.None;
        var found = new Findings();

        foreach (var field in diff.Fields.Where(f => f.Op != FieldOp.Unchanged))
        {
            // A headline respaced reads the same to everyone, so it is no headline change.
            if (field.Field == StoryContent.Fields.Headline && !(field.Op == FieldOp.Modified && OnlySpacing(field.Words)))
                found.Kinds.Add(ChangeKind.Headline);
            if (field.Op == FieldOp.Modified) ReadEdits(field.Words, found, isBlock: false);
            else if (field.Field != StoryContent.Fields.Headline)
            {
                found.Kinds.Add(ChangeKind.Wording);
                found.Fields.Add($"{(field.Op == FieldOp.Added ? "added" : "removed")} the {Label(field.Field)}");
            }
        }

        foreach (var block in diff.Body)
        {
            switch (block.Op)
            {
                case BlockOp.Insert: found.Count(found.Added, block.ToType); break;
                case BlockOp.Delete: found.Count(found.Removed, block.FromType); break;
                case BlockOp.Move:
                    found.Count(found.Moved, block.ToType);
                    if (block.HasTextChanges) ReadEdits(block.Words, found, isBlock: true);
                    break;
                case BlockOp.Modify:
                    if (block.HasTextChanges) ReadEdits(block.Words, found, isBlock: true);
                    else found.Kinds.Add(ChangeKind.Wording); // a paragraph turned subheading or back
                    break;
            }
        }

        if (found.Added.Values.Sum() > 0) found.Kinds.Add(ChangeKind.BlockAdded);
        if (found.Removed.Values.Sum() > 0) found.Kinds.Add(ChangeKind.BlockRemoved);
        if (found.Moved.Values.Sum() > 0) found.Kinds.Add(ChangeKind.BlockMoved);

        var kinds = ChangeKind.All.Where(found.Kinds.Contains).ToList();
        var substantive = found.SubstantiveName
                          || kinds.Any(k => k is ChangeKind.Number or ChangeKind.Quote or ChangeKind.Headline
                              or ChangeKind.BlockAdded or ChangeKind.BlockRemoved or ChangeKind.Rewrite);
        return new ChangeClassification(kinds, ChangeSummary.Describe(found), substantive);
    }

    private static string Label(string field) => field switch
    {
        StoryContent.Fields.ShortHeadline => "short headline",
        _ => field
    };

    private static bool OnlySpacing(IReadOnlyList<WordOp> words) => TextEdit.From(words).All(e => e.IsSpacing);

    private static void ReadEdits(IReadOnlyList<WordOp> words, Findings found, bool isBlock)
    {
        var edits = TextEdit.From(words);
        if (edits.Count == 0) return;

        var totalWords = WordRules.CountWords(edits[0].OldText);
        var changedWords = edits.Sum(e => Math.Max(WordRules.CountWords(e.Removed), WordRules.CountWords(e.Added)));
        if (isBlock && totalWords >= RewriteMinimumWords && changedWords >= totalWords * RewriteShare)
        {
            found.Kinds.Add(ChangeKind.Rewrite);
            found.Rewritten++;
            return;
        }

        foreach (var edit in edits)
        {
            if (edit.IsSpacing) { found.Kinds.Add(ChangeKind.Whitespace); found.Respaced++; continue; }
            var number = WordRules.HasNumber(edit.Removed) || WordRules.HasNumber(edit.Added);
            var name = WordRules.HasName(edit.Removed, edit.OldBefore) || WordRules.HasName(edit.Added, edit.NewBefore);
            var quote = WordRules.InsideQuote(edit.OldBefore) || WordRules.InsideQuote(edit.NewBefore)
                        || WordRules.HasQuoteMark(edit.Removed) || WordRules.HasQuoteMark(edit.Added);
            var typo = !number && WordRules.IsTypo(edit.Removed, edit.Added);

            if (number) { found.Kinds.Add(ChangeKind.Number); found.Numbers.Add((edit.Removed.Trim(), edit.Added.Trim())); }
            if (quote) { found.Kinds.Add(ChangeKind.Quote); found.Quotes++; }
            if (typo)
            {
                found.Kinds.Add(ChangeKind.Typo);
                // A comma added or a full stop dropped has no word to name: it is punctuation put right.
                if (WordRules.CountWords(edit.Removed) + WordRules.CountWords(edit.Added) == 0) found.Punctuation++;
                else found.Spellings.Add(edit.Added.Trim());
            }
            if (name)
            {
                found.Kinds.Add(ChangeKind.Name);
                if (!typo) { found.SubstantiveName = true; found.Names.Add((edit.Removed.Trim(), edit.Added.Trim())); }
            }
            if (!number && !quote && !typo && !name) { found.Kinds.Add(ChangeKind.Wording); found.Reworded++; }
        }
    }
}

/// <summary>What the classifier noticed, gathered for the kinds and the summary line.</summary>
internal sealed class Findings
{
    public HashSet<string> Kinds { get; } = [];
    public Dictionary<BlockType, int> Added { get; } = [];
    public Dictionary<BlockType, int> Removed { get; } = [];
    public Dictionary<BlockType, int> Moved { get; } = [];
    public List<string> Spellings { get; } = [];
    public List<string> Fields { get; } = [];
    public List<(string From, string To)> Numbers { get; } = [];
    public List<(string From, string To)> Names { get; } = [];
    public int Quotes { get; set; }
    public int Rewritten { get; set; }
    public int Reworded { get; set; }
    public int Punctuation { get; set; }
    public int Respaced { get; set; }
    public bool SubstantiveName { get; set; }

    public void Count(Dictionary<BlockType, int> into, BlockType? type)
    {
        var key = type ?? BlockType.Paragraph;
        into[key] = into.GetValueOrDefault(key) + 1;
    }
}
