using System.Text.Json;

namespace Revisions.Diff.Tests.Support;

/// <summary>One text of the first published Istanbul story and what it later became.</summary>
public sealed record TextChange(string Where, string From, string To);

/// <summary>
/// The rewrites and small fixes of tests/fixtures/istanbul-talks.rewrites.json, each paired with the text it
/// changed in the first published version of the seed story.
/// </summary>
public sealed class IstanbulRewrites
{
    public required IReadOnlyList<TextChange> Rewrites { get; init; }
    public required IReadOnlyList<TextChange> Edits { get; init; }

    public static IstanbulRewrites Load()
    {
        var first = IstanbulFixture.Load().First;
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "istanbul-talks.rewrites.json")));
        List<TextChange> Read(string name) => doc.RootElement.GetProperty(name).EnumerateArray().Select(e =>
        {
            var to = e.GetProperty("to").GetString()!;
            if (e.TryGetProperty("block", out var block))
                return new TextChange($"block {block.GetInt32()}", first.Body[block.GetInt32()].Text, to);
            var field = e.GetProperty("field").GetString()!;
            var from = field switch
            {
                "headline" => first.Headline,
                "standfirst" => first.Standfirst,
                _ => throw new InvalidDataException($"No field {field} in the seed story.")
            };
            return new TextChange(field, from!, to);
        }).ToList();
        return new IstanbulRewrites { Rewrites = Read("rewrites"), Edits = Read("edits") };
    }
}
