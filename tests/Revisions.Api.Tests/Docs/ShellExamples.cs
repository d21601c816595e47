using System.Text.RegularExpressions;

namespace Revisions.Api.Tests.Docs;

/// <summary>
/// One ```sh block of README.md or docs/*.md: where it is, its text, and — when it must not run in a test
/// (it installs packages, starts the server, needs a database of the reader's own) — the reason its
/// <c>&lt;!-- not run: … --&gt;</c> comment gives on the line before it.
/// </summary>
public sealed record ShellExample(string File, int Line, string Text, string? NotRun)
{
    public override string ToString() => $"{File}:{Line}";
}

public static partial class ShellExamples
{
    /// <summary>The README first (the other pages start where its reader is), then the pages in this order, then any other.</summary>
    private static readonly string[] Order = ["README.md", "docs/security.md", "docs/api.md", "docs/import.md", "docs/standards.md",
        "docs/legal.md", "docs/evidence.md", "docs/reader-pages.md", "docs/cli.md", "docs/operations.md", "docs/architecture.md"];

    /// <summary>Every documentation file, in the order its examples run, relative to <paramref name="root"/>.</summary>
    public static IReadOnlyList<string> Files(string root)
    {
        var found = Directory.GetFiles(Path.Combine(root, "docs"), "*.md").Select(f => "docs/" + Path.GetFileName(f)).Append("README.md").ToList();
        return found.OrderBy(f => Array.IndexOf(Order, f) is var i and >= 0 ? i : Order.Length).ThenBy(f => f, StringComparer.Ordinal).ToList();
    }

    public static List<ShellExample> In(string root, string file)
    {
        var lines = File.ReadAllLines(Path.Combine(root, file));
        var examples = new List<ShellExample>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].Trim() != "```sh") continue;
            var start = i;
            var text = new List<string>();
            while (++i < lines.Length && lines[i].Trim() != "```") text.Add(lines[i]);
            var before = lines.Take(start).LastOrDefault(l => l.Trim().Length > 0) ?? "";
            var notRun = NotRunMarker().Match(before);
            examples.Add(new ShellExample(file, start + 1, string.Join('\n', text), notRun.Success ? notRun.Groups[1].Value.Trim() : null));
        }
        return examples;
    }

    /// <summary>Lines that mark a block as not run, wherever they are, so a marker that lost its block is found.</summary>
    public static IEnumerable<(int Line, string Text)> Markers(string root, string file) =>
        File.ReadAllLines(Path.Combine(root, file)).Select((l, i) => (i + 1, l)).Where(l => l.Item2.Contains("<!-- not run", StringComparison.Ordinal));

    [GeneratedRegex(@"^\s*<!--\s*not run:\s*(.+?)\s*-->\s*$")]
    private static partial Regex NotRunMarker();
}
