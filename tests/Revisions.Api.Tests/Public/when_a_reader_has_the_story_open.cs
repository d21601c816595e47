using System.Net;
using Revisions.Api.Tests.Infrastructure;

namespace Revisions.Api.Tests.Public;

public class when_a_reader_has_the_story_open(ApiFixture api) : IClassFixture<ApiFixture>
{
    private readonly Newsroom newsroom = api.Newsroom;

    [Fact]
    public async Task a_new_publish_arrives_as_an_update_event()
    {
        var (slug, version) = await newsroom.Publish(Reader.Story("Count under way", "Counting began at ten."));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var stream = await Open($"/stories/{slug}/live?since={version}", timeout.Token);
        stream.Response.Content.Headers.ContentType!.MediaType.ShouldBe("text/event-stream");

        (await stream.ReadUntil(": connected", timeout.Token)).ShouldContain("retry: 5000");
        await newsroom.SaveNow(slug, Reader.Story("Count under way", "Counting began at ten.", "First results at midnight."));
        var published = await newsroom.PublishNow(slug);

        var sent = await stream.ReadUntil("\n\n", timeout.Token, after: "event: update");
        sent.ShouldContain($"id: {published}\nevent: update\ndata: {{\"version\":{published}}}");
    }

    [Fact]
    public async Task an_update_published_while_the_page_loaded_is_sent_at_once()
    {
        var (slug, first) = await newsroom.Publish(Reader.Story("Polls close", "Polls closed at ten."));
        await newsroom.SaveNow(slug, Reader.Story("Polls close", "Polls closed at 10pm."));
        var second = await newsroom.PublishNow(slug);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var stream = await Open($"/stories/{slug}/live?since={first}", timeout.Token);
        (await stream.ReadUntil("\n\n", timeout.Token, after: "event: update")).ShouldContain($"id: {second}");
    }

    [Fact]
    public async Task a_story_that_is_not_published_has_no_stream()
    {
        var draft = (await newsroom.Create(Reader.Story("Embargoed", "Not yet."))).Body;
        (await newsroom.Client.GetAsync($"/stories/{draft.Slug}/live")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private async Task<EventStreamReader> Open(string url, CancellationToken cancellation)
    {
        var response = await newsroom.Client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellation);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return new EventStreamReader(response, new StreamReader(await response.Content.ReadAsStreamAsync(cancellation)));
    }

    /// <summary>Reads a text/event-stream as it arrives; every read is bounded by the caller's token.</summary>
    private sealed class EventStreamReader(HttpResponseMessage response, StreamReader reader) : IDisposable
    {
        private readonly System.Text.StringBuilder _seen = new();
        private int _consumed;

        public HttpResponseMessage Response => response;

        /// <summary>The text up to and including <paramref name="marker"/> (found after <paramref name="after"/>).</summary>
        public async Task<string> ReadUntil(string marker, CancellationToken cancellation, string? after = null)
        {
            var buffer = new char[1024];
            while (true)
            {
                var text = _seen.ToString();
                var start = after is null ? _consumed : text.IndexOf(after, _consumed, StringComparison.Ordinal);
                var end = start < 0 ? -1 : text.IndexOf(marker, start, StringComparison.Ordinal);
                if (end >= 0)
                {
                    var from = _consumed;
                    _consumed = end + marker.Length;
                    return text[from.._consumed];
                }
                var read = await reader.ReadAsync(buffer.AsMemory(), cancellation);
                if (read == 0) throw new EndOfStreamException($"The stream ended; it sent: {text}");
                _seen.Append(buffer, 0, read);
            }
        }

        public void Dispose()
        {
            reader.Dispose();
            response.Dispose();
        }
    }
}
