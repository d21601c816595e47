using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.WebUtilities;

namespace Revisions.Api.Hosting;

/// <summary>
/// Kestrel refuses some requests before any middleware sees them — headers too large (431), a request line too
/// long (414), one it cannot parse or a path with an encoded NUL (400), a request that arrives too slowly (408),
/// an HTTP version it does not speak (505) — and answers them with an empty body, which no ASP.NET Core hook can
/// fill ("this category of errors is not customisable", aspnet/KestrelHttpServer#2947). So that every refusal
/// reads as problem details, this connection middleware sits between Kestrel and the socket and gives those
/// answers a body.
/// </summary>
/// <remarks>
/// Such an answer is recognisable on the wire: an HTTP/1.x status line of 4xx or 5xx, then headers with
/// <c>Content-Length: 0</c>, <c>Connection: close</c> and no <c>Content-Type</c>, flushed on its own as the
/// connection's last words. The API never answers that way itself (its refusals carry problem details,
/// Http/StatusProblems.cs), so nothing else is touched; every other byte passes through as written. It works
/// where Kestrel speaks HTTP/1.x in the clear, as it does behind the proxy that ends TLS; over TLS terminated by
/// Kestrel itself, or HTTP/2, the bytes it sees are encrypted or binary and it passes them on untouched.
/// </remarks>
public static class WebServerRefusals
{
    public static void UseProblemDetailsForRefusals(this ListenOptions listen, KestrelServerLimits limits) =>
        listen.Use(next => connection =>
        {
            connection.Transport = new Duplex(connection.Transport.Input, new RefusalWriter(connection.Transport.Output, limits));
            return next(connection);
        });

    private sealed record Duplex(PipeReader Input, PipeWriter Output) : IDuplexPipe;

    /// <summary>
    /// The answer with a problem-details body when <paramref name="written"/> is one of Kestrel's bodiless
    /// refusals; otherwise null.
    /// </summary>
    public static byte[]? WithProblemDetails(ReadOnlySpan<byte> written, KestrelServerLimits limits)
    {
        if (written.Length > 1024 || !written.StartsWith("HTTP/1."u8) || !written.EndsWith("\r\n\r\n"u8)) return null;
        var lines = Encoding.ASCII.GetString(written[..^4]).Split("\r\n");
        if (lines[0].Length < 12 || !int.TryParse(lines[0].AsSpan(9, 3), out var status) || status < 400) return null;
        if (!lines.Contains("Content-Length: 0") || !lines.Contains("Connection: close")
            || lines.Any(l => l.StartsWith("Content-Type:", StringComparison.OrdinalIgnoreCase) || l.StartsWith("Transfer-Encoding:", StringComparison.OrdinalIgnoreCase)))
            return null;

        var (title, detail) = Describe(status, limits);
        var body = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object> { ["title"] = title, ["status"] = status, ["detail"] = detail });
        var head = lines.Select(l => l == "Content-Length: 0" ? $"Content-Length: {body.Length}" : l)
            .Append("Content-Type: application/problem+json");
        return [.. Encoding.ASCII.GetBytes(string.Join("\r\n", head) + "\r\n\r\n"), .. body];
    }

    private static (string Title, string Detail) Describe(int status, KestrelServerLimits limits) => status switch
    {
        400 => ("The request could not be read",
            "The web server could not parse the request line or its headers: for example a path with an encoded NUL (%00) or another control character, or a malformed header."),
        408 => ("The request took too long to arrive", "The request's headers or body arrived too slowly; send it again."),
        413 => ("The request is too large", $"The body may be at most {limits.MaxRequestBodySize:N0} bytes."),
        414 => ("The URL is too long", $"The request line (method, path and query) may be at most {limits.MaxRequestLineSize:N0} bytes."),
        431 => ("The request headers are too large",
            $"The headers may total at most {limits.MaxRequestHeadersTotalSize:N0} bytes and number at most {limits.MaxRequestHeaderCount}."),
        505 => ("HTTP version not supported", "Send HTTP/1.1 (or HTTP/2)."),
        _ => (ReasonPhrases.GetReasonPhrase(status), "The web server refused the request before reading it.")
    };

    /// <summary>
    /// Holds what Kestrel writes until it flushes, then passes it on, rewritten if it is a bodiless refusal. A
    /// response is written by one writer at a time (Kestrel serialises them), so no locking is needed.
    /// </summary>
    private sealed class RefusalWriter(PipeWriter inner, KestrelServerLimits limits) : PipeWriter
    {
        // A large write (an evidence bundle) grows the buffer; past this it is not kept for the connection's life.
        private const int KeptCapacity = 64 * 1024;
        private ArrayBufferWriter<byte> _pending = new(4096);

        public override Memory<byte> GetMemory(int sizeHint = 0) => _pending.GetMemory(sizeHint);
        public override Span<byte> GetSpan(int sizeHint = 0) => _pending.GetSpan(sizeHint);
        public override void Advance(int bytes) => _pending.Advance(bytes);
        public override bool CanGetUnflushedBytes => true;
        public override long UnflushedBytes => _pending.WrittenCount;
        public override void CancelPendingFlush() => inner.CancelPendingFlush();

        public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default)
        {
            PassOn();
            return inner.FlushAsync(cancellationToken);
        }

        public override void Complete(Exception? exception = null)
        {
            PassOn();
            inner.Complete(exception);
        }

        public override async ValueTask CompleteAsync(Exception? exception = null)
        {
            PassOn();
            await inner.CompleteAsync(exception);
        }

        private void PassOn()
        {
            if (_pending.WrittenCount == 0) return;
            var written = _pending.WrittenSpan;
            if (WithProblemDetails(written, limits) is { } rewritten) inner.Write(rewritten);
            else inner.Write(written);
            if (_pending.Capacity > KeptCapacity) _pending = new ArrayBufferWriter<byte>(4096);
            else _pending.ResetWrittenCount();
        }
    }
}
