using System.Text.Json;
using Revisions.Domain.Stories;

namespace Revisions.Import.Tests;

public class SeedFixtureTests
{
    private const string Seed = "seed-istanbul-talks.txt";

    private static IReadOnlyList<Snapshot> ParseSeed() =>
        SnapshotParser.ParseBatch([SnapshotSource.FromFile(Fixtures.PathOf(Seed))]).SnapshotsOrThrow();

    [Fact]
    public void A_page_render_followed_by_a_cms_export_becomes_exactly_the_two_expected_versions()
    {
        var expected = Fixtures.Json("istanbul-talks.versions.json");
        var subheadings = expected.GetProperty("subheadings").EnumerateArray().Select(s => s.GetString()).ToHashSet();
        var versions = expected.GetProperty("versions").EnumerateArray().ToList();

        var snapshots = ParseSeed();

        snapshots.Count.ShouldBe(versions.Count);
        for (var v = 0; v < versions.Count; v++)
        {
            var want = versions[v];
            var got = snapshots[v].Content;
            got.Headline.ShouldBe(want.GetProperty("headline").GetString());
            got.ShortHeadline.ShouldBe(want.TryGetProperty("shortHeadline", out var sh) ? sh.GetString() : null);
            got.Standfirst.ShouldBe(want.GetProperty("standfirst").GetString());
            got.Byline.ShouldBeNull();

            var body = want.GetProperty("body").EnumerateArray().Select(b => b.GetString()!).ToList();
            got.Body.Select(b => b.Text).ShouldBe(body);
            got.Body.Select(b => b.Type).ShouldBe(body.Select(t => subheadings.Contains(t) ? BlockType.Subheading : BlockType.Paragraph));
        }
    }

    [Fact]
    public void The_first_version_has_no_short_headline_and_the_second_adds_one()
    {
        var snapshots = ParseSeed();

        snapshots[0].Content.ShortHeadline.ShouldBeNull();
        snapshots[1].Content.ShortHeadline.ShouldBe("Russian and Ukrainian officials have begun direct negotiations in Istanbul.");
        snapshots[1].Content.ChangedFieldsSince(snapshots[0].Content).ShouldBe([StoryContent.Fields.ShortHeadline, StoryContent.Fields.Body]);
    }

    [Fact]
    public void Each_version_has_fifteen_blocks_of_which_exactly_two_are_subheadings()
    {
        foreach (var snapshot in ParseSeed())
        {
            snapshot.Content.Body.Count.ShouldBe(15);
            snapshot.Content.Body.Where(b => b.Type == BlockType.Subheading).Select(b => b.Text)
                .ShouldBe(["Conflict Continues on the Ground", "International responses"]);
        }
    }

    [Fact]
    public void Each_version_says_where_it_starts_in_the_file_and_has_no_capture_time()
    {
        var snapshots = ParseSeed();

        snapshots.Select(s => s.SourceLine).ShouldBe([1, 18]);
        snapshots.ShouldAllBe(s => s.SourceName.EndsWith(Seed) && s.CapturedAt == null);
    }

    [Fact]
    public void The_seed_parses_the_same_with_windows_line_endings_and_a_byte_order_mark()
    {
        var text = File.ReadAllText(Fixtures.PathOf(Seed)).Replace("\n", "\r\n");
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(System.Text.Encoding.UTF8.GetBytes(text)).ToArray();

        var snapshots = SnapshotParser.ParseBatch([("seed-crlf.txt", bytes)]).SnapshotsOrThrow();

        snapshots.Select(s => s.Content).ShouldBe(ParseSeed().Select(s => s.Content));
    }

    [Fact]
    public void Fingerprints_ignore_where_a_snapshot_came_from_but_tell_the_versions_apart()
    {
        var first = ParseSeed();
        var again = SnapshotParser.ParseBatch([("renamed.txt", Fixtures.Bytes(Seed))]).SnapshotsOrThrow();

        again.Select(s => s.Fingerprint).ShouldBe(first.Select(s => s.Fingerprint));
        first[0].Fingerprint.ShouldNotBe(first[1].Fingerprint);
        first[0].Fingerprint.ShouldMatch("^[0-9a-f]{64}$");
    }

    [Fact]
    public void A_fingerprint_changes_with_the_capture_time()
    {
        var snapshot = ParseSeed()[0];

        (snapshot with { CapturedAt = DateTimeOffset.Parse("2025-05-16T09:00:00Z") }).Fingerprint.ShouldNotBe(snapshot.Fingerprint);
        (snapshot with { CapturedAt = DateTimeOffset.Parse("2025-05-16T10:00:00+01:00") }).Fingerprint
            .ShouldBe((snapshot with { CapturedAt = DateTimeOffset.Parse("2025-05-16T09:00:00Z") }).Fingerprint);
    }

    [Fact]
    public void The_canonical_json_behind_a_fingerprint_is_readable_and_fixed_in_order()
    {
        var content = new StoryContent(" Title ", null, "Stand", null, [Block.Subheading("Sub"), Block.Paragraph("Text “quoted”.")]);

        var json = System.Text.Encoding.UTF8.GetString(Snapshot.CanonicalJson(content, null));

        json.ShouldBe("""{"headline":"Title","shortHeadline":null,"standfirst":"Stand","byline":null,"body":[{"type":"subheading","text":"Sub"},{"type":"paragraph","text":"Text “quoted”."}],"capturedAt":null}""");
        JsonDocument.Parse(json).RootElement.GetProperty("body").GetArrayLength().ShouldBe(2);
    }
}
