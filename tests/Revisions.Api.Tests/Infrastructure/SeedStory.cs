using System.Text.Json;
using Revisions.Domain.Stories;

namespace Revisions.Api.Tests.Infrastructure;

/// <summary>The developing Istanbul talks story from tests/fixtures, as two saves of one story.</summary>
public static class SeedStory
{
    private static readonly Lazy<JsonDocument> Document = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "istanbul-talks.versions.json"))));

    public static StoryContent Version(int n)
    {
        var root = Document.Value.RootElement;
        var subheadings = root.GetProperty("subheadings").EnumerateArray().Select(s => s.GetString()!).ToHashSet();
        var v = root.GetProperty("versions")[n - 1];
        return new StoryContent(
            v.GetProperty("headline").GetString()!,
            v.TryGetProperty("shortHeadline", out var sh) ? sh.GetString() : null,
            v.TryGetProperty("standfirst", out var sf) ? sf.GetString() : null,
            null,
            v.GetProperty("body").EnumerateArray()
                .Select(b => b.GetString()!)
                .Select(text => subheadings.Contains(text) ? Block.Subheading(text) : Block.Paragraph(text))
                .ToList());
    }
}
