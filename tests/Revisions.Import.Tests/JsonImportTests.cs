using Revisions.Domain.Stories;

namespace Revisions.Import.Tests;

public class JsonImportTests
{
    private static IReadOnlyList<Snapshot> Parse(string name, string text) => SnapshotParser.Parse(name, text);

    [Fact]
    public void A_story_in_the_apis_shape_imports_with_typed_blocks()
    {
        var snapshots = Parse("story.json", """
            {
              "headline": "Talks resume",
              "shortHeadline": "Talks",
              "standfirst": "Delegations meet in Istanbul",
              "byline": "Jo Reporter",
              "body": [
                { "type": "paragraph", "text": "Officials met on Friday." },
                { "type": "subheading", "text": "What next" }
              ]
            }
            """);

        var content = snapshots.ShouldHaveSingleItem().Content;
        content.ShouldBe(new StoryContent("Talks resume", "Talks", "Delegations meet in Istanbul", "Jo Reporter",
            [Block.Paragraph("Officials met on Friday."), Block.Subheading("What next")]));
        snapshots[0].CapturedAt.ShouldBeNull();
        snapshots[0].SourceLine.ShouldBe(1);
    }

    [Fact]
    public void A_body_of_plain_strings_is_read_as_paragraphs_even_when_they_look_like_subheadings()
    {
        var content = Parse("story.json", """{ "headline": "H", "body": ["First paragraph.", "Looks Like A Subheading"] }""")[0].Content;

        content.Body.ShouldBe([Block.Paragraph("First paragraph."), Block.Paragraph("Looks Like A Subheading")]);
        content.ShortHeadline.ShouldBeNull();
    }

    [Fact]
    public void A_json_array_of_stories_imports_in_order_and_each_knows_its_line()
    {
        var snapshots = Parse("stories.json", """
            [
              { "headline": "First", "body": ["One."] },
              { "headline": "Second", "body": ["Two."] }
            ]
            """);

        snapshots.Select(s => s.Content.Headline).ShouldBe(["First", "Second"]);
        snapshots.Select(s => s.SourceLine).ShouldBe([2, 3]);
    }

    [Fact]
    public void Json_lines_of_timestamped_captures_come_back_ordered_by_capture_time()
    {
        var snapshots = Parse("captures.ndjson", """
            {"capturedAt": "2025-05-16T11:00:00Z", "headline": "Third", "body": ["c"]}
            {"capturedAt": "2025-05-16T09:00:00Z", "headline": "First", "body": ["a"]}

            {"capturedAt": "2025-05-16T11:00:00+01:00", "headline": "Second", "body": ["b"]}
            """);

        snapshots.Select(s => s.Content.Headline).ShouldBe(["First", "Second", "Third"]);
        snapshots.Select(s => s.SourceLine).ShouldBe([2, 4, 1]);
        snapshots[0].CapturedAt.ShouldBe(new DateTimeOffset(2025, 5, 16, 9, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void A_capture_wrapping_its_story_in_a_content_object_is_understood()
    {
        var snapshot = Parse("wrapped.json", """{ "capturedAt": "2025-05-16T09:00:00Z", "content": { "headline": "H", "body": [] } }""")[0];

        snapshot.Content.Headline.ShouldBe("H");
        snapshot.CapturedAt.ShouldNotBeNull();
    }

    [Fact]
    public void A_capture_time_without_a_zone_is_refused_rather_than_guessed()
    {
        var error = Should.Throw<ImportException>(() =>
            Parse("captures.ndjson", "{\"headline\":\"A\",\"body\":[]}\n{\"capturedAt\":\"2025-05-16T09:00:00\",\"headline\":\"B\",\"body\":[]}"));

        error.File.ShouldBe("captures.ndjson");
        error.Line.ShouldBe(2);
        error.Message.ShouldContain("capturedAt");
    }

    [Fact]
    public void A_broken_json_line_is_reported_at_its_own_line()
    {
        var error = Should.Throw<ImportException>(() =>
            Parse("captures.jsonl", "{\"headline\":\"A\",\"body\":[]}\n{\"headline\":\"B\",\"body\":[]}\n{\"headline\": \"C\", body: []}"));

        error.Line.ShouldBe(3);
        error.Message.ShouldContain("not valid JSON");
    }

    [Fact]
    public void Broken_pretty_printed_json_is_reported_at_the_line_of_the_mistake()
    {
        var error = Should.Throw<ImportException>(() => Parse("story.json", "{\n  \"headline\": \"A\",\n  \"body\": [\"x\" \"y\"]\n}"));

        error.Line.ShouldBe(3);
    }

    [Fact]
    public void A_block_with_an_unknown_type_names_the_block_and_the_allowed_types()
    {
        var error = Should.Throw<ImportException>(() =>
            Parse("story.json", """{ "headline": "H", "body": [ { "type": "quote", "text": "x" } ] }"""));

        error.Message.ShouldContain("body[0].type");
        error.Message.ShouldContain("\"subheading\"");
    }

    [Fact]
    public void A_json_story_without_a_body_is_refused()
    {
        var error = Should.Throw<ImportException>(() => Parse("story.json", """{ "headline": "H" }"""));

        error.Message.ShouldContain("no body");
    }
}
