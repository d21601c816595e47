using Revisions.Domain.Stories;

namespace Revisions.Diff.Classification;

/// <summary>
/// The one-line account of a revision, e.g. "Corrected spelling of 'Keir'; removed 1 paragraph; added 1 paragraph".
/// </summary>
internal static class ChangeSummary
{
    private const int MaxListed = 3;

    public static string Describe(Findings found)
    {
        var parts = new List<string>();
        if (found.Kinds.Contains(ChangeKind.Headline)) parts.Add("changed the headline");
        parts.AddRange(found.Fields);
        if (found.Spellings.Count > 0) parts.Add($"corrected spelling of {List(found.Spellings)}");
        if (found.Punctuation > 0) parts.Add("corrected punctuation");
        if (found.Names.Count > 0) parts.Add(Pairs(found.Names));
        // An edit can be a name and a number at once ("G7" → "G20"): it is said once, with the names.
        var numbers = found.Numbers.Except(found.Names).ToList();
        if (numbers.Count > 0) parts.Add(Pairs(numbers));
        if (found.Quotes > 0) parts.Add(found.Quotes == 1 ? "changed a quote" : $"changed {found.Quotes} quotes");
        if (found.Rewritten > 0) parts.Add($"rewrote {Blocks(found.Rewritten, BlockType.Paragraph)}");
        if (found.Reworded > 0) parts.Add(found.Reworded == 1 ? "edited wording" : $"edited wording in {found.Reworded} places");
        parts.AddRange(Counted("removed", found.Removed));
        parts.AddRange(Counted("added", found.Added));
        parts.AddRange(Counted("moved", found.Moved));
        if (found.Respaced > 0) parts.Add("changed spacing");
        if (parts.Count == 0) parts.Add("changed formatting");

        var line = string.Join("; ", parts);
        return char.ToUpperInvariant(line[0]) + line[1..];
    }

    private static IEnumerable<string> Counted(string verb, Dictionary<BlockType, int> counts) =>
        counts.OrderBy(c => c.Key).Select(c => $"{verb} {Blocks(c.Value, c.Key)}");

    private static string Blocks(int n, BlockType type) =>
        $"{n} {(type == BlockType.Subheading ? "subheading" : "paragraph")}{(n == 1 ? "" : "s")}";

    private static string List(IEnumerable<string> words) =>
        string.Join(", ", words.Distinct().Take(MaxListed).Select(Quoted));

    private static string Pairs(IEnumerable<(string From, string To)> pairs) =>
        string.Join(", ", pairs.Distinct().Take(MaxListed).Select(p =>
            p.From.Length == 0 ? $"added {Quoted(p.To)}"
            : p.To.Length == 0 ? $"removed {Quoted(p.From)}"
            : $"changed {Quoted(p.From)} to {Quoted(p.To)}"));

    private static string Quoted(string text) => $"'{(text.Length > 60 ? text[..57] + "…" : text)}'";
}
