using System.Text;
using System.Text.RegularExpressions;

namespace Revisions.Domain.Legal;

/// <summary>
/// What of a withdrawn text another text may quote. A redaction records the hash of every run of
/// <see cref="RunWords"/> consecutive words of what it withdraws (all of it, for a shorter text), so a note that
/// quotes the redacted paragraph — whole, a sentence of it, or any stretch of five words or more — shows the
/// marker where it quotes it, without the redaction repeating the text. Words are compared folded: case,
/// spacing, punctuation and quotation marks between them do not matter. One word alone is never withdrawn.
/// </summary>
public static partial class Quotes
{
    public const int RunWords = 5;

    /// <summary>The hashes of <paramref name="text"/>'s runs: every <see cref="RunWords"/> words, or all of it when shorter.</summary>
    public static IEnumerable<string> Hashes(string text)
    {
        var words = Words(text);
        if (words.Count < 2) return [];
        var size = Math.Min(RunWords, words.Count);
        return Enumerable.Range(0, words.Count - size + 1).Select(i => Hash(words, i, size)).Distinct();
    }

    /// <summary>
    /// <paramref name="text"/> with every stretch made of runs whose hash is in <paramref name="covered"/> replaced
    /// by <paramref name="marker"/> (overlapping and touching runs become one stretch).
    /// </summary>
    public static string Withdraw(string text, IReadOnlySet<string> covered, string marker)
    {
        var spans = Covered(text, covered);
        if (spans.Count == 0) return text;
        var result = new StringBuilder();
        var at = 0;
        foreach (var (start, end) in spans)
        {
            result.Append(text, at, start - at).Append(marker);
            at = end;
        }
        return result.Append(text, at, text.Length - at).ToString();
    }

    /// <summary>The stretches of <paramref name="text"/> (start, end) that runs in <paramref name="covered"/> cover, merged, in order.</summary>
    public static IReadOnlyList<(int Start, int End)> Covered(string text, IReadOnlySet<string> covered)
    {
        var words = Words(text);
        var spans = new List<(int Start, int End)>();
        if (covered.Count == 0 || words.Count < 2) return spans;
        // A shorter text's hash covers all of it, so runs shorter than RunWords are looked for too.
        for (var size = 2; size <= Math.Min(RunWords, words.Count); size++)
        for (var i = 0; i + size <= words.Count; i++)
        {
            if (covered.Contains(Hash(words, i, size))) spans.Add((words[i].Index, words[i + size - 1].Index + words[i + size - 1].Length));
        }
        spans.Sort();
        var merged = new List<(int Start, int End)>();
        foreach (var span in spans)
        {
            if (merged.Count > 0 && span.Start <= merged[^1].End + 1) merged[^1] = (merged[^1].Start, Math.Max(merged[^1].End, span.End));
            else merged.Add(span);
        }
        return merged;
    }

    private static List<Match> Words(string text) => Word().Matches(text).ToList();

    private static string Hash(List<Match> words, int start, int size) =>
        $"q{size}:" + RedactionRules.Hash(string.Join(' ', words.Skip(start).Take(size).Select(w => w.Value.ToLowerInvariant())));

    [GeneratedRegex(@"[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*", RegexOptions.CultureInvariant)]
    private static partial Regex Word();
}
