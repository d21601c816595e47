using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using Revisions.Watch;

namespace Revisions.Api.Watch;

/// <summary>How one fetch of a feed or page went.</summary>
public abstract record FetchOutcome
{
    /// <summary>200: the response as served, with its validators for the next conditional request.</summary>
    public sealed record Fetched(HttpCapture Capture, string? ETag, string? LastModified) : FetchOutcome;

    /// <summary>304: the server confirmed the copy we hold (If-None-Match / If-Modified-Since).</summary>
    public sealed record NotModified(HttpCapture Capture) : FetchOutcome;

    /// <summary>Anything else: why, in words for the desk, and how long the server asked us to wait (Retry-After).</summary>
    public sealed record Failed(string Reason, TimeSpan? RetryAfter = null) : FetchOutcome;
}

/// <summary>
/// Fetches feeds and pages as a polite client: a User-Agent that names Revisions (and a contact address when
/// configured), conditional requests, robots.txt checked for every address including each redirect's, a
/// timeout, a size cap, at most <see cref="WatchOptions.MaxRedirects"/> redirects and no loops, no cookies, and —
/// unless configured otherwise — no connections to loopback, private or link-local addresses, checked on the
/// address actually connected to, so a DNS answer that changes between checks cannot get round it.
/// </summary>
public sealed class WatchFetcher : IDisposable
{
    private readonly HttpClient _client;
    private readonly WatchOptions _options;
    private readonly TimeProvider _clock;

    public WatchFetcher(IOptions<WatchOptions> options, TimeProvider clock)
    {
        _options = options.Value;
        _clock = clock;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.All,
            UseCookies = false,
            ConnectTimeout = _options.Timeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            MaxConnectionsPerServer = 2,
            ConnectCallback = ConnectAsync
        };
        _client = new HttpClient(handler) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        _client.DefaultRequestHeaders.UserAgent.ParseAdd(_options.UserAgent);
        _client.DefaultRequestHeaders.Accept.ParseAdd("text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/feed+json,application/json;q=0.9,*/*;q=0.8");
    }

    /// <summary>Fetches <paramref name="url"/>, following redirects that robots.txt allows, conditionally when validators are given.</summary>
    /// <param name="sent">Called for each request made, so the caller can pace the host.</param>
    public async Task<FetchOutcome> GetAsync(Uri url, string? etag, string? lastModified, Func<Uri, CancellationToken, Task<RobotsRules>> robots,
        Action sent, CancellationToken cancellation)
    {
        var visited = new HashSet<string>();
        var current = url;
        for (var hop = 0; ; hop++)
        {
            if (!visited.Add(current.AbsoluteUri)) return new FetchOutcome.Failed($"Redirect loop: {current} was already visited.");
            if (hop > _options.MaxRedirects) return new FetchOutcome.Failed($"More than {_options.MaxRedirects} redirects.");
            if (!(await robots(current, cancellation)).Allows(current))
                return new FetchOutcome.Failed($"robots.txt of {current.Host} does not allow {WatchOptions.ProductToken} to fetch {current.PathAndQuery}.");

            using var request = new HttpRequestMessage(HttpMethod.Get, current);
            // Validators belong to the address they were served for; a redirect target is fetched whole.
            if (hop == 0 && etag is not null) request.Headers.TryAddWithoutValidation("If-None-Match", etag);
            if (hop == 0 && lastModified is not null) request.Headers.TryAddWithoutValidation("If-Modified-Since", lastModified);
            sent();
            var (outcome, next) = await SendAsync(request, cancellation);
            if (next is null) return outcome!;
            current = next;
        }
    }

    /// <summary>Fetches a site's robots.txt; as RFC 9309 says, a 4xx means no rules and anything else that fails means none may be fetched.</summary>
    public async Task<RobotsRules> RobotsAsync(Uri site, CancellationToken cancellation)
    {
        var robots = new Uri(site, "/robots.txt");
        try
        {
            for (var hop = 0; hop <= _options.MaxRedirects; hop++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, robots);
                var (outcome, next) = await SendAsync(request, cancellation);
                if (next is not null)
                {
                    robots = next;
                    continue;
                }
                return outcome switch
                {
                    FetchOutcome.Fetched f => RobotsRules.Parse(System.Text.Encoding.UTF8.GetString(f.Capture.Body), WatchOptions.ProductToken),
                    FetchOutcome.Failed { Reason: var r } when r.StartsWith("HTTP 4", StringComparison.Ordinal) => RobotsRules.AllowAll,
                    _ => RobotsRules.DisallowAll
                };
            }
            return RobotsRules.DisallowAll;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException && !cancellation.IsCancellationRequested)
        {
            return RobotsRules.DisallowAll;
        }
    }

    /// <summary>One request: its outcome, or the address it redirects to.</summary>
    private async Task<(FetchOutcome? Outcome, Uri? Redirect)> SendAsync(HttpRequestMessage request, CancellationToken cancellation)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timeout.CancelAfter(_options.Timeout);
        try
        {
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var fetchedAt = _clock.GetUtcNow();
            var status = (int)response.StatusCode;
            if (status is >= 300 and < 400 && status != 304)
            {
                if (response.Headers.Location is not { } location) return (new FetchOutcome.Failed($"HTTP {status} without a Location to go to."), null);
                var next = new Uri(request.RequestUri!, location);
                if (next.Scheme != Uri.UriSchemeHttp && next.Scheme != Uri.UriSchemeHttps)
                    return (new FetchOutcome.Failed($"Redirected to {next.Scheme}: addresses, which are not fetched."), null);
                return (null, next);
            }
            if (status == 304) return (new FetchOutcome.NotModified(Capture(request, response, fetchedAt, [])), null);
            if (status != 200)
                return (new FetchOutcome.Failed($"HTTP {status} {response.ReasonPhrase}".TrimEnd(), RetryAfter(response)), null);
            if (response.Content.Headers.ContentLength > _options.MaxBytes)
                return (new FetchOutcome.Failed($"The response is {response.Content.Headers.ContentLength:N0} bytes, over the limit of {_options.MaxBytes:N0}."), null);
            var body = await ReadCappedAsync(response, timeout.Token);
            if (body is null) return (new FetchOutcome.Failed($"The response is over the limit of {_options.MaxBytes:N0} bytes."), null);
            return (new FetchOutcome.Fetched(Capture(request, response, fetchedAt, body),
                response.Headers.ETag?.ToString(), response.Content.Headers.LastModified?.ToString("R")), null);
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            return (new FetchOutcome.Failed($"No complete answer within {_options.TimeoutSeconds:0.#} s."), null);
        }
        catch (HttpRequestException e)
        {
            return (new FetchOutcome.Failed($"Could not fetch: {e.Message}"), null);
        }
    }

    private async Task<byte[]?> ReadCappedAsync(HttpResponseMessage response, CancellationToken cancellation)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellation);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellation)) > 0)
        {
            if (buffer.Length + read > _options.MaxBytes) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static HttpCapture Capture(HttpRequestMessage request, HttpResponseMessage response, DateTimeOffset at, byte[] body) =>
        new(request.RequestUri!, at, (int)response.StatusCode, response.ReasonPhrase ?? "",
            response.Headers.Concat(response.Content.Headers)
                .Select(h => new KeyValuePair<string, string>(h.Key, string.Join(", ", h.Value))).ToList(), body);

    private TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - _clock.GetUtcNow(),
        _ => null
    };

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellation)
    {
        var addresses = IPAddress.TryParse(context.DnsEndPoint.Host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, cancellation);
        var allowed = _options.AllowPrivateAddresses ? addresses : addresses.Where(IsPublic).ToArray();
        if (allowed.Length == 0)
            throw new HttpRequestException($"{context.DnsEndPoint.Host} is not a public address; the watcher fetches only public sites.");
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellation);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Whether an address is on the public internet: not loopback, private, link-local, shared or reserved.</summary>
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any)) return false;
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return !(b[0] == 0 || b[0] == 10 || b[0] == 127 || (b[0] == 100 && b[1] >= 64 && b[1] < 128) || (b[0] == 169 && b[1] == 254)
                     || (b[0] == 172 && b[1] >= 16 && b[1] < 32) || (b[0] == 192 && b[1] == 168) || (b[0] == 192 && b[1] == 0 && b[2] == 0)
                     || (b[0] == 198 && (b[1] == 18 || b[1] == 19)) || b[0] >= 224);
        }
        return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || address.IsIPv6UniqueLocal);
    }

    public void Dispose() => _client.Dispose();
}
