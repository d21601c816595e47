namespace Revisions.Import.Tests;

public class FolderImportTests
{
    private const string Page = "Talks resume in Istanbul\nDelegations meet for the first time since 2022\nOfficials met on Friday.\n";

    [Fact]
    public void A_folder_of_timestamped_files_imports_each_file_as_a_capture_at_the_time_in_its_name()
    {
        using var folder = new Fixtures.TempFolder();
        folder.Write("20250516T110000Z.txt", Page.Replace("Friday.", "Friday and Saturday."));
        folder.Write("2025-05-16T09-00-00Z.txt", Page);
        folder.Write("notes.md", "not a snapshot");

        var snapshots = SnapshotParser.ParseBatch(SnapshotSource.FromFolder(folder.Path)).SnapshotsOrThrow();

        snapshots.Select(s => s.CapturedAt).ShouldBe([
            new DateTimeOffset(2025, 5, 16, 9, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2025, 5, 16, 11, 0, 0, TimeSpan.Zero)]);
        snapshots[1].Content.Body[0].Text.ShouldBe("Officials met on Friday and Saturday.");
    }

    [Fact]
    public void A_capturedAt_inside_a_file_wins_over_the_time_in_its_name()
    {
        using var folder = new Fixtures.TempFolder();
        folder.Write("2025-05-16T09-00-00Z.json", """{ "capturedAt": "2025-05-17T08:00:00Z", "headline": "H", "body": [] }""");

        var snapshot = SnapshotParser.ParseBatch(SnapshotSource.FromFolder(folder.Path)).SnapshotsOrThrow().ShouldHaveSingleItem();

        snapshot.CapturedAt.ShouldBe(new DateTimeOffset(2025, 5, 17, 8, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void Files_without_times_keep_the_order_of_their_names()
    {
        using var folder = new Fixtures.TempFolder();
        folder.Write("02.txt", Page.Replace("Talks resume", "Second"));
        folder.Write("01.json", """{ "headline": "First", "body": ["x"] }""");
        folder.Write("03.txt", Page.Replace("Talks resume", "Third"));

        var snapshots = SnapshotParser.ParseBatch(SnapshotSource.FromFolder(folder.Path)).SnapshotsOrThrow();

        snapshots.Select(s => s.Content.Headline).ShouldBe(["First", "Second in Istanbul", "Third in Istanbul"]);
        snapshots.ShouldAllBe(s => s.CapturedAt == null);
    }

    [Fact]
    public void One_bad_file_in_a_folder_means_nothing_from_the_folder_is_imported()
    {
        using var folder = new Fixtures.TempFolder();
        folder.Write("2025-05-16T09-00-00Z.txt", Page);
        folder.Write("2025-05-16T10-00-00Z.txt", "");

        var result = SnapshotParser.ParseBatch(SnapshotSource.FromFolder(folder.Path));

        result.Succeeded.ShouldBeFalse();
        result.Snapshots.ShouldBeEmpty();
        result.Errors.ShouldHaveSingleItem().File.ShouldEndWith("2025-05-16T10-00-00Z.txt");
    }

    [Fact]
    public void A_time_in_a_file_name_cannot_date_a_file_holding_several_snapshots()
    {
        var error = Should.Throw<ImportException>(() =>
            SnapshotParser.Parse("2025-05-16T09-00-00Z.txt", Page + "---\n" + Page));

        error.Line.ShouldBe(5);
        error.Message.ShouldContain("split the file");
    }

    [Theory]
    [InlineData("2025-05-16T09-00-00Z.txt", "2025-05-16T09:00:00Z")]
    [InlineData("20250516T090000Z.json", "2025-05-16T09:00:00Z")]
    [InlineData("story_2025-05-16T10-00-00+01-00.txt", "2025-05-16T09:00:00Z")]
    [InlineData("capture-20250516T093015.250Z.txt", "2025-05-16T09:30:15.25Z")]
    public void Capture_times_are_read_from_file_names(string name, string expected)
    {
        CaptureTimes.TryParseFileName(name, out var at).ShouldBeTrue();
        at.ShouldBe(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("01.txt")]
    [InlineData("2025-05-16.txt")]
    [InlineData("2025-05-16T09-00-00.txt")]
    public void File_names_without_a_full_time_and_zone_give_no_capture_time(string name) =>
        CaptureTimes.TryParseFileName(name, out _).ShouldBeFalse();
}
