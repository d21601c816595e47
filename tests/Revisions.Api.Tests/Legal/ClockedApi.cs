using Alba;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Revisions.Api.Tests.Infrastructure;

namespace Revisions.Api.Tests.Legal;

/// <summary>
/// The API over a fresh database with a clock the test moves: events are stamped by it, so updates can be
/// an hour apart without sleeping, and Memento datetimes (whole seconds) tell them apart.
/// </summary>
public sealed class ClockedApi : IAsyncLifetime
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2025, 5, 16, 9, 0, 0, TimeSpan.Zero));
    public IAlbaHost Host { get; private set; } = null!;
    public Newsroom Newsroom => new(Host.Server.CreateClient());

    public async Task InitializeAsync()
    {
        var connection = await TestPostgres.CreateDatabaseAsync(nameof(ClockedApi));
        Host = await AlbaHost.For<Program>(builder =>
        {
            builder.UseSetting("ConnectionStrings:Revisions", connection);
            builder.UseSetting("Revisions:Integrity:KeyPath", ApiFixture.KeyPathFor(connection));
            builder.UseEnvironment("Testing");
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
        });
    }

    public DateTimeOffset Tick() { Clock.Advance(TimeSpan.FromHours(1)); return Clock.GetUtcNow(); }

    public async Task DisposeAsync()
    {
        if (Host is not null) await Host.DisposeAsync();
    }
}

/// <summary>One link of a Link header or a link-format document (RFC 8288 / RFC 6690).</summary>
public sealed record WebLink(string Uri, IReadOnlyDictionary<string, string> Parameters)
{
    public string Rel => Parameters.GetValueOrDefault("rel", "");
    public string Path => new Uri(Uri).AbsolutePath;

    /// <summary>
    /// A small reader for what Memento sends: &lt;uri&gt; then ;-separated parameters, links separated by
    /// commas — which also occur inside quoted datetimes, so quotes are honoured.
    /// </summary>
    public static List<WebLink> Parse(string text)
    {
        var links = new List<WebLink>();
        var i = 0;
        while (true)
        {
            while (i < text.Length && (char.IsWhiteSpace(text[i]) || text[i] == ',')) i++;
            if (i >= text.Length) return links;
            text[i].ShouldBe('<', $"a link starts with <uri> at {i}: {text}");
            var end = text.IndexOf('>', i);
            var uri = text[(i + 1)..end];
            i = end + 1;
            var parameters = new Dictionary<string, string>();
            while (true)
            {
                while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
                if (i >= text.Length || text[i] == ',') break;
                text[i].ShouldBe(';');
                i++;
                while (char.IsWhiteSpace(text[i])) i++;
                var nameEnd = text.IndexOf('=', i);
                var name = text[i..nameEnd].Trim();
                i = nameEnd + 1;
                string value;
                if (text[i] == '"')
                {
                    var close = text.IndexOf('"', i + 1);
                    value = text[(i + 1)..close];
                    i = close + 1;
                }
                else
                {
                    var stop = text.IndexOfAny([';', ','], i);
                    if (stop < 0) stop = text.Length;
                    value = text[i..stop].Trim();
                    i = stop;
                }
                parameters[name] = value;
            }
            links.Add(new WebLink(uri, parameters));
        }
    }

    public static List<WebLink> Of(HttpResponseMessage response) =>
        Parse(string.Join(", ", response.Headers.TryGetValues("Link", out var values) ? values : []));
}
