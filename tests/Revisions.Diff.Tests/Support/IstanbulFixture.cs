using System.Text.Json;
using Revisions.Domain.Stories;

namespace Revisions.Diff.Tests.Support;

/// <summary>The seed story: the same Istanbul talks article as first published and as later exported.</summary>
public sealed class IstanbulFixture
{
    public StoryContent First { get; }
    public StoryContent Later { get; }
    public JsonElement Expected { get; }

    private IstanbulFixture(StoryContent first, StoryContent later, JsonElement expected)
    {
        First = first;
        Later = later;
        Expected = expected;
    }

    public static IstanbulFixture Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "fixtures", "istanbul-talks.versions.json");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var root = doc.RootElement;
        var subheadings = root.GetProperty("subheadings").EnumerateArray().Select(e => e.GetString()!).ToHashSet();
        var versions = root.GetProperty("versions");
        return new IstanbulFixture(Read(versions[0], subheadings), Read(versions[1], subheadings),
            root.GetProperty("expectedChangeV1toV2").Clone());
    }

    private static StoryContent Read(JsonElement v, HashSet<string> subheadings) => new(
        v.GetProperty("headline").GetString()!,
        Optional(v, "shortHeadline"),
        Optional(v, "standfirst"),
        Optional(v, "byline"),
        v.GetProperty("body").EnumerateArray()
            .Select(e => e.GetString()!)
            .Select(text => subheadings.Contains(text) ? Block.Subheading(text) : Block.Paragraph(text))
            .ToList());

    private static string? Optional(JsonElement v, string name) =>
        v.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
