using System.Text.Json;
using CsCheck;
using Revisions.Domain.Stories;

namespace Revisions.Import.Tests;

public class PropertyTests
{
    [Fact]
    public void Any_bytes_either_import_or_fail_with_errors_never_with_a_crash_or_a_partial_result()
    {
        Gen.Byte.Array[0, 400].Sample(bytes =>
        {
            var result = SnapshotParser.ParseBatch([("fuzz.txt", bytes)]);
            (result.Succeeded ? result.Errors.Count == 0 && result.Snapshots.Count > 0 : result.Snapshots.Count == 0).ShouldBeTrue();
            result.Errors.ShouldAllBe(e => e.File == "fuzz.txt");
        }, iter: 2000);
    }

    [Fact]
    public void Any_mix_of_labels_sentences_and_separators_imports_or_fails_cleanly()
    {
        string[] pieces = ["HeadlineTalks", "Headline", "Headline:", "Short HeadlineX", "Standfirst: S", "Byline", "BodyA.",
            "Body", "---", "", "Para one.", "A Subheading", "{", "[", "\"", "\u0007", "\r"];
        var piece = Gen.Int[0, pieces.Length - 1].Select(i => pieces[i]);
        piece.Array[1, 12].Select(parts => string.Join('\n', parts)).Sample(text =>
        {
            try
            {
                SnapshotParser.Parse("mix.txt", text).ShouldAllBe(s => !string.IsNullOrWhiteSpace(s.Content.Headline));
            }
            catch (ImportException e)
            {
                e.File.ShouldBe("mix.txt");
            }
        }, iter: 3000);
    }

    [Fact]
    public void A_story_written_in_the_apis_json_shape_reads_back_unchanged()
    {
        var text = Gen.String[Gen.Char["abc XYZ’“”.,é"], 1, 40].Where(s => s.Trim().Length > 0).Select(s => s.Trim());
        var block = Gen.Select(Gen.Bool, text, (sub, t) => sub ? Block.Subheading(t) : Block.Paragraph(t));
        var story = Gen.Select(text, text.Null(), text.Null(), text.Null(), block.List[0, 6],
            (h, sh, sf, by, body) => new StoryContent(h, sh, sf, by, body));

        story.Sample(content =>
        {
            var json = JsonSerializer.Serialize(content, new JsonSerializerOptions(JsonSerializerDefaults.Web));
            SnapshotParser.Parse("story.json", json).ShouldHaveSingleItem().Content.ShouldBe(content);
        }, iter: 500);
    }
}
