using Revisions.Domain.Stories;

namespace Revisions.Diff.Tests.Support;

/// <summary>Small helpers to write stories in tests without ceremony.</summary>
public static class Stories
{
    public static StoryContent Story(params string[] paragraphs) =>
        new("A headline", null, null, null, paragraphs.Select(Block.Paragraph).ToList());

    public static StoryContent Story(IEnumerable<Block> body, string headline = "A headline") =>
        new(headline, null, null, null, body.ToList());

    public static StoryContent WithBody(this StoryContent story, params Block[] body) => story with { Body = body.ToList() };

    public static string Text(this IEnumerable<WordOp> ops) => string.Concat(ops.Select(o => o.Op switch
    {
        WordOpKind.Delete => $"[-{o.Text}-]",
        WordOpKind.Insert => $"{{+{o.Text}+}}",
        _ => o.Text
    }));

    public static IReadOnlyList<BlockDiff> Changes(this StoryDiff diff) => diff.Body.Where(b => b.Op != BlockOp.Equal).ToList();
}

public static class StoryPrinting
{
    /// <summary>A readable, exact rendering of a story, so a failed property shows which block differs.</summary>
    public static string Printable(this Revisions.Domain.Stories.StoryContent s) =>
        $"headline={Q(s.Headline)} short={Q(s.ShortHeadline)} standfirst={Q(s.Standfirst)} byline={Q(s.Byline)}\n"
        + string.Join("\n", s.Body.Select((b, i) => $"{i}:{b.Type}:{Q(b.Text)}"));

    private static string Q(string? s) => s is null ? "null" : System.Text.Json.JsonSerializer.Serialize(s);
}
