using System.Text;

namespace Revisions.Import.Tests;

/// <summary>Every refusal names the file and (where one exists) the line, and the whole batch yields nothing.</summary>
public class MalformedInputTests
{
    private static readonly byte[] GoodPage = Encoding.UTF8.GetBytes("Talks resume\nDelegations meet\nOfficials met on Friday.\n");

    private static ImportError FailsAlongsideAGoodFile(string name, byte[] bytes, ImportOptions? options = null)
    {
        var result = SnapshotParser.ParseBatch([("good.txt", GoodPage), (name, bytes)], options);

        result.Succeeded.ShouldBeFalse();
        result.Snapshots.ShouldBeEmpty();
        Should.Throw<ImportException>(() => result.SnapshotsOrThrow()).Errors.ShouldBe(result.Errors);
        var error = result.Errors.ShouldHaveSingleItem();
        error.File.ShouldBe(name);
        return error;
    }

    [Fact]
    public void An_empty_file_is_refused_by_name()
    {
        var error = FailsAlongsideAGoodFile("empty.txt", []);

        error.Message.ShouldBe("The file is empty.");
        error.ToString().ShouldBe("empty.txt: The file is empty.");
    }

    [Fact]
    public void A_file_of_only_blank_lines_and_a_byte_order_mark_is_empty_too() =>
        FailsAlongsideAGoodFile("blank.txt", [0xEF, 0xBB, 0xBF, (byte)'\r', (byte)'\n', (byte)' ', (byte)'\n']).Message.ShouldBe("The file is empty.");

    [Fact]
    public void A_binary_file_is_refused_at_the_line_holding_its_first_nul_byte()
    {
        var error = FailsAlongsideAGoodFile("photo.jpg.txt", [.. "Headline\nline two\n"u8, 0xFF, 0xD8, 0x00, 0x10]);

        error.Line.ShouldBe(3);
        error.Message.ShouldContain("binary");
    }

    [Fact]
    public void Invalid_utf8_is_refused_at_its_line_instead_of_being_turned_into_replacement_characters()
    {
        var latin1 = Encoding.Latin1.GetBytes("Talks resume\nCaf\u00e9 owners meet\nThey met on Friday.\n");

        var error = FailsAlongsideAGoodFile("latin1.txt", latin1);

        error.Line.ShouldBe(2);
        error.Message.ShouldContain("not valid UTF-8");
        error.ToString().ShouldStartWith("latin1.txt, line 2:");
    }

    [Fact]
    public void A_json_member_given_twice_is_refused_naming_it_rather_than_one_of_them_winning()
    {
        var error = FailsAlongsideAGoodFile("twice.json",
            Encoding.UTF8.GetBytes("{\"headline\": \"Talks resume\",\n \"Headline\": \"Talks end\", \"body\": []}"));

        error.Message.ShouldBe("\"Headline\" is given twice; give it once.");
    }

    [Fact]
    public void A_ten_megabyte_line_is_refused_without_reading_the_rest_of_the_file()
    {
        var reads = 0L;
        var huge = new CountingStream(new MemoryStream([.. "Headline\n"u8, .. new byte[10_000_000].Select(_ => (byte)'a')]), n => reads += n);

        var result = SnapshotParser.ParseBatch([SnapshotSource.FromStream("huge.txt", huge)]);

        var error = result.Errors.ShouldHaveSingleItem();
        error.Line.ShouldBe(2);
        error.Message.ShouldContain("longer than");
        reads.ShouldBeLessThan(5_000_000);
    }

    [Fact]
    public void The_line_limit_can_be_lowered()
    {
        var error = FailsAlongsideAGoodFile("long.txt", Encoding.UTF8.GetBytes("Talks resume\nDelegations meet\n" + new string('x', 200) + "\n"),
            new ImportOptions { MaxLineBytes = 100 });

        error.Line.ShouldBe(3);
        error.Message.ShouldBe("The line is longer than 100 bytes.");
    }

    [Fact]
    public void A_cms_export_without_a_headline_is_refused_at_its_first_line()
    {
        var error = FailsAlongsideAGoodFile("export.txt", Encoding.UTF8.GetBytes("Short HeadlineTalks\nStandfirstDelegations meet\nOfficials met.\n"));

        error.Line.ShouldBe(1);
        error.Message.ShouldContain("no Headline");
    }

    [Fact]
    public void A_json_story_without_a_headline_is_refused_at_its_line()
    {
        var error = FailsAlongsideAGoodFile("stories.json", Encoding.UTF8.GetBytes("[\n {\"headline\":\"A\",\"body\":[]},\n {\"standfirst\":\"B\",\"body\":[]}\n]"));

        error.Line.ShouldBe(3);
        error.Message.ShouldBe("The snapshot has no headline.");
    }

    [Fact]
    public void A_cms_export_whose_body_is_missing_is_refused_naming_where_the_export_starts()
    {
        var seedWithoutBody = string.Join('\n', File.ReadLines(Fixtures.PathOf("seed-istanbul-talks.txt")).Take(20));

        var error = FailsAlongsideAGoodFile("seed-cut.txt", Encoding.UTF8.GetBytes(seedWithoutBody));

        error.Line.ShouldBe(18);
        error.Message.ShouldContain("no body");
    }

    [Fact]
    public void A_page_render_of_only_a_headline_is_refused_for_having_no_body()
    {
        var error = FailsAlongsideAGoodFile("stub.txt", "Just a headline\n"u8.ToArray());

        error.Line.ShouldBe(1);
        error.Message.ShouldContain("no body");
    }

    [Fact]
    public void Content_the_api_would_refuse_is_refused_at_the_line_of_the_offending_block()
    {
        var page = "Talks resume\nDelegations meet\nFine paragraph.\n" + new string('w', 25_000) + ".\n";

        var error = FailsAlongsideAGoodFile("oversize.txt", Encoding.UTF8.GetBytes(page));

        error.Line.ShouldBe(4);
        error.Message.ShouldContain("longer than 20000 characters");
    }

    [Fact]
    public void Control_characters_in_a_json_story_are_refused_as_the_api_would()
    {
        var error = FailsAlongsideAGoodFile("story.json", Encoding.UTF8.GetBytes("{\"headline\":\"Bell\\u0007\",\"body\":[]}"));

        error.Line.ShouldBe(1);
        error.Message.ShouldContain("control character");
    }

    [Fact]
    public void Every_failing_file_of_a_batch_is_reported_at_once()
    {
        var result = SnapshotParser.ParseBatch([("a.txt", Array.Empty<byte>()), ("good.txt", GoodPage), ("b.json", "{"u8.ToArray())]);

        result.Errors.Select(e => e.File).ShouldBe(["a.txt", "b.json"]);
        result.Snapshots.ShouldBeEmpty();
    }

    [Fact]
    public void A_missing_file_is_reported_by_name_and_an_empty_batch_is_refused()
    {
        SnapshotParser.ParseBatch([SnapshotSource.FromFile("/no/such/file.txt")]).Errors.ShouldHaveSingleItem().File.ShouldBe("/no/such/file.txt");
        SnapshotParser.ParseBatch(Array.Empty<SnapshotSource>()).Succeeded.ShouldBeFalse();
    }

    [Fact]
    public void Parsing_a_single_file_throws_an_exception_that_names_file_and_line()
    {
        var error = Should.Throw<ImportException>(() => SnapshotParser.Parse("x.json", "[]"));

        (error.File, error.Line).ShouldBe(("x.json", 1));
        error.Message.ShouldStartWith("Nothing was imported. x.json, line 1:");
    }

    private sealed class CountingStream(Stream inner, Action<int> onRead) : Stream
    {
        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = inner.Read(buffer, offset, count);
            onRead(n);
            return n;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
