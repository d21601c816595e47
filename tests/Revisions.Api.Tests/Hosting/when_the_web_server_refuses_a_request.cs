using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Revisions.Api.Tests.Infrastructure;
using Revisions.Api.Tests.Security;

namespace Revisions.Api.Tests.Hosting;

/// <summary>
/// Kestrel refuses some requests before the application sees them (headers or request line too large, a
/// request it cannot parse, an encoded NUL in the path). Those refusals are problem details too, and nothing
/// else on the connection is changed. Only a real Kestrel shows this, so the API runs as a process of its own,
/// and the requests are written byte by byte on a socket, as a broken or hostile client would.
/// </summary>
public class when_the_web_server_refuses_a_request(WebServer server) : IClassFixture<WebServer>
{
    private readonly ApiProcess _server = server.Process;

    public static TheoryData<string, string, int> Refused => new()
    {
        { "a header of 40 kB", $"GET /api/stories HTTP/1.1\r\nHost: x\r\nX-Big: {new string('a', 40_000)}\r\n\r\n", 431 },
        { "150 headers", $"GET /health/live HTTP/1.1\r\nHost: x\r\n{string.Concat(Enumerable.Range(0, 150).Select(i => $"X-{i}: {i}\r\n"))}\r\n", 431 },
        { "a URL of 20 kB", $"GET /stories/{new string('a', 20_000)} HTTP/1.1\r\nHost: x\r\n\r\n", 414 },
        { "an encoded NUL in the path", "GET /stories/a%00b HTTP/1.1\r\nHost: x\r\n\r\n", 400 },
        { "an encoded NUL in an API path", "PUT /api/stories/%00 HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}", 400 },
        { "a request line that is not one", "GARBAGE\r\n\r\n", 400 },
        { "no Host header", "GET /health/live HTTP/1.1\r\n\r\n", 400 },
        { "a Content-Length that is not a number", "POST /api/stories HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n", 400 },
        { "two Content-Lengths that differ", "POST /api/stories HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}", 400 },
        { "a NUL in a header", "GET /health/live HTTP/1.1\r\nHost: x\r\nX-Bad: a\u0000b\r\n\r\n", 400 },
        { "a space before a header's colon", "GET /health/live HTTP/1.1\r\nHost: x\r\nX-Bad : y\r\n\r\n", 400 },
        { "an unknown transfer coding", "POST /api/diff HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n", 400 },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task the_refusal_is_problem_details(string because, string request, int status)
    {
        var answer = (await SendAsync(request)).Last();

        answer.Status.ShouldBe(status, because);
        answer.ShouldBeProblemDetails(because);
    }

    [Fact]
    public async Task an_http_version_it_does_not_speak_is_505_the_one_5xx_a_request_can_cause_and_problem_details_too()
    {
        var answer = (await SendAsync("GET /health/live HTTP/1.2\r\nHost: x\r\n\r\n")).Single();

        answer.Status.ShouldBe(505);
        answer.ShouldBeProblemDetails("HTTP/1.2");
    }

    [Fact]
    public async Task answers_before_a_refusal_on_the_same_connection_are_left_as_they_were()
    {
        var answers = await SendAsync(
            "GET /openapi/v1.json HTTP/1.1\r\nHost: x\r\n\r\n" +
            "GET /api/stories/no-such-story HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + TestTokens.For("Ann Editor", "editor") + "\r\n\r\n" +
            "GET /stories/a%00b HTTP/1.1\r\nHost: x\r\n\r\n");

        answers.Select(a => a.Status).ShouldBe([200, 404, 400]);
        using (var document = JsonDocument.Parse(answers[0].Body)) document.RootElement.GetProperty("paths").EnumerateObject().Count().ShouldBeGreaterThan(30);
        answers[1].ShouldBeProblemDetails("the API's own 404");
        JsonDocument.Parse(answers[1].Body).RootElement.GetProperty("detail").GetString()!.ShouldContain("no-such-story");
        answers[2].ShouldBeProblemDetails("the refusal after them");
    }

    /// <summary>Writes the request as given and reads every answer until the server closes the connection.</summary>
    private async Task<List<RawAnswer>> SendAsync(string request)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(_server.Address.Host, _server.Address.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.Latin1.GetBytes(request));
        using var read = new MemoryStream();
        // Every case ends with a refusal, which closes the connection; the limit only ends a run that went wrong.
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var buffer = new byte[64 * 1024];
        try
        {
            int n;
            while ((n = await stream.ReadAsync(buffer, stop.Token)) > 0)
            {
                read.Write(buffer, 0, n);
                if (RawAnswer.Parse(read.ToArray()) is { Count: > 0 } parsed && parsed[^1].ClosesConnection) break;
            }
        }
        catch (OperationCanceledException) { }
        catch (IOException) { }
        return RawAnswer.Parse(read.ToArray()) ?? throw new InvalidDataException("No complete answer: " + Encoding.Latin1.GetString(read.ToArray()));
    }
}

/// <summary>The API as a process of its own, behind Kestrel, over a fresh database.</summary>
public sealed class WebServer : IAsyncLifetime
{
    public ApiProcess Process { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Process = await ApiProcess.StartAsync(await TestPostgres.CreateDatabaseAsync(nameof(WebServer)), TimeSpan.FromSeconds(90));

    public async Task DisposeAsync() => await Process.DisposeAsync();
}

/// <summary>One HTTP/1.1 answer as it came over the wire.</summary>
public sealed record RawAnswer(int Status, IReadOnlyList<(string Name, string Value)> Headers, string Body)
{
    public string? Header(string name) => Headers.LastOrDefault(h => h.Name.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;

    public bool ClosesConnection => Header("Connection") == "close";

    public void ShouldBeProblemDetails(string because)
    {
        Header("Content-Type").ShouldBe("application/problem+json", because);
        using var problem = JsonDocument.Parse(Body);
        problem.RootElement.GetProperty("status").GetInt32().ShouldBe(Status, because);
        problem.RootElement.GetProperty("title").GetString().ShouldNotBeNullOrWhiteSpace(because);
    }

    /// <summary>Every complete answer in <paramref name="bytes"/> (bodies by Content-Length or chunked), or null if there is none.</summary>
    public static List<RawAnswer>? Parse(byte[] bytes)
    {
        var answers = new List<RawAnswer>();
        var text = Encoding.Latin1.GetString(bytes);
        var at = 0;
        while (at < text.Length)
        {
            var end = text.IndexOf("\r\n\r\n", at, StringComparison.Ordinal);
            if (end < 0) break;
            var lines = text[at..end].Split("\r\n");
            var headers = lines.Skip(1).Select(l => (l[..l.IndexOf(':')], l[(l.IndexOf(':') + 1)..].Trim())).ToList();
            var answer = new RawAnswer(int.Parse(lines[0].Split(' ')[1]), headers, "");
            var bodyStart = end + 4;
            string body;
            if (answer.Header("Transfer-Encoding") == "chunked")
            {
                var chunks = new StringBuilder();
                var position = bodyStart;
                while (true)
                {
                    var lineEnd = text.IndexOf("\r\n", position, StringComparison.Ordinal);
                    if (lineEnd < 0) return answers.Count > 0 ? answers : null;
                    var size = Convert.ToInt32(text[position..lineEnd], 16);
                    if (lineEnd + 2 + size + 2 > text.Length) return answers.Count > 0 ? answers : null;
                    chunks.Append(text, lineEnd + 2, size);
                    position = lineEnd + 2 + size + 2;
                    if (size == 0) break;
                }
                body = chunks.ToString();
                at = position;
            }
            else
            {
                var length = int.Parse(answer.Header("Content-Length") ?? "0");
                if (bodyStart + length > text.Length) break;
                body = text.Substring(bodyStart, length);
                at = bodyStart + length;
            }
            answers.Add(answer with { Body = Encoding.UTF8.GetString(Encoding.Latin1.GetBytes(body)) });
        }
        return answers.Count > 0 ? answers : null;
    }
}
