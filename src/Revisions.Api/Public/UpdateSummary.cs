using Revisions.Diff;
using Revisions.Domain.Stories;

namespace Revisions.Api.Public;

/// <summary>
/// One plain sentence per update, such as "1 paragraph added, 1 removed, 3 words changed": what a reader
/// wants to know before reading the marked-up text.
/// </summary>
public static class UpdateSummary
{
    /// <summary>What an update changed, for places that show the sentence without the diff (the updates feed).</summary>
    public static string Between(StoryContent? before, StoryContent after)
    {
        if (before is null) return "First published.";
        try
        {
            return Describe(StoryDiffer.Compare(before, after));
        }
        catch (DiffTooLargeException)
        {
            return "This update is too large to compare word by word.";
        }
    }

    public static string Describe(StoryDiff diff)
    {
        if (diff.IsEmpty) return "No changes to the text.";
        var parts = diff.Fields.Where(f => f.Op != FieldOp.Unchanged)
            .Select(f => $"{FieldName(f.Field)} {FieldVerb(f.Op)}").ToList();

        string? lastNoun = null;
        foreach (var (op, verb) in new[] { (BlockOp.Insert, "added"), (BlockOp.Delete, "removed"), (BlockOp.Modify, "changed"), (BlockOp.Move, "moved") })
        {
            var blocks = diff.Body.Where(b => b.Op == op).ToList();
            if (blocks.Count == 0) continue;
            var types = blocks.Select(b => b.ToType ?? b.FromType).Distinct().ToList();
            var noun = types.Count == 1 && types[0] == BlockType.Subheading ? "subheading" : types.Count == 1 ? "paragraph" : "block";
            // "1 paragraph added, 1 removed": the noun is said once while it stays the same.
            parts.Add(noun == lastNoun ? $"{blocks.Count} {verb}" : $"{Count(blocks.Count, noun)} {verb}");
            lastNoun = noun;
        }

        var words = diff.Body.Where(b => b.Op is BlockOp.Modify or BlockOp.Move).SelectMany(b => b.Words)
            .Where(w => w.Op != WordOpKind.Equal).Sum(w => WordCount(w.Text));
        if (words > 0) parts.Add($"{Count(words, "word")} changed");
        return Capitalise(string.Join(", ", parts)) + ".";
    }

    private static string FieldName(string field) => field switch
    {
        StoryContent.Fields.Headline => "headline",
        StoryContent.Fields.ShortHeadline => "short headline",
        StoryContent.Fields.Standfirst => "standfirst",
        StoryContent.Fields.Byline => "byline",
        _ => field
    };

    private static string FieldVerb(FieldOp op) => op switch
    {
        FieldOp.Added => "added",
        FieldOp.Removed => "removed",
        _ => "changed"
    };

    private static int WordCount(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";

    private static string Capitalise(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}
