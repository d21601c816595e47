using System.Security.Cryptography;
using System.Text;

namespace Revisions.Watch.Tests;

public class when_keeping_responses_as_warc
{
    [Fact]
    public void a_record_reads_back_as_it_was_written_and_its_bytes_are_stable()
    {
        var response = new HttpCapture(new Uri("https://news.example/a?b=1"), new DateTimeOffset(2025, 5, 16, 9, 0, 0, 123, TimeSpan.Zero), 200, "OK",
            [new("Content-Type", "text/html; charset=utf-8"), new("ETag", "\"abc\""), new("X-Evil", "one\r\ntwo")],
            Encoding.UTF8.GetBytes("<p>Hello\r\n\r\nworld</p>"));
        var warc = response.ToWarc();
        Encoding.UTF8.GetString(warc).ShouldStartWith("WARC/1.1\r\nWARC-Type: response\r\n");
        var read = HttpCapture.FromWarc(HttpCapture.Gunzip(HttpCapture.Gzip(warc)));
        read.Url.ShouldBe(response.Url);
        read.FetchedAt.ShouldBe(response.FetchedAt);
        read.Status.ShouldBe(200);
        read.Body.ShouldBe(response.Body);
        read.Headers.ShouldContain(new KeyValuePair<string, string>("X-Evil", "one  two"));
        SHA256.HashData(read.ToWarc()).ShouldBe(SHA256.HashData(warc));
    }

    [Fact]
    public void a_gzip_bomb_is_refused()
    {
        var bomb = HttpCapture.Gzip(new byte[2 * 1024 * 1024]);
        Should.Throw<InvalidDataException>(() => HttpCapture.Gunzip(bomb, max: 1024 * 1024));
    }
}
