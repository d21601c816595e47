using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using System.Net.Http.Headers;
using JasperFx.CommandLine;
using Marten;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Revisions.Api.Hosting;
using Revisions.Api.Http;

namespace Revisions.Load;

/// <summary>
/// The Revisions API as it is shipped (Program.cs), started in this process on a real Kestrel socket on
/// loopback, over the benchmark's database. The only addition is <c>/bench/ping</c>, the trivial plain-text
/// anchor for read throughput, mapped by a startup filter of this harness: the product has no such route.
/// </summary>
public sealed class BenchHost : WebApplicationFactory<Program>
{
    private readonly string _connectionString;
    private readonly string _keyPath = Path.Combine(Path.GetTempPath(), $"revisions-bench-{Environment.ProcessId}.pem");
    // A key for this run only: the harness signs its own bearer tokens, as a newsroom's token service would.
    private readonly string _tokenKey;
    private readonly IStartupFilter? _extra;

    public BenchHost(string connectionString, string? tokenKey = null, IStartupFilter? extra = null)
    {
        _connectionString = connectionString;
        _tokenKey = tokenKey ?? NewTokenKey();
        _extra = extra;
        // Program ends with RunJasperFxCommands, which only starts the host when told it runs under a harness.
        JasperFxEnvironment.AutoStartHost = true;
        // The API's settings (appsettings.json) are copied next to this program: run from there, not from sources.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_REVISIONS_API", AppContext.BaseDirectory);
        UseKestrel(0);
    }

    public Uri Address { get; private set; } = null!;

    public IDocumentStore Store => Services.GetRequiredService<IDocumentStore>();

    /// <summary>A signing key for one run's bearer tokens.</summary>
    public static string NewTokenKey() => Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    /// <param name="extra">More endpoints of the harness, mapped before the API's pipeline like the ping.</param>
    public static BenchHost Start(string connectionString, string? tokenKey = null, IStartupFilter? extra = null)
    {
        var host = new BenchHost(connectionString, tokenKey, extra);
        host.StartServer();
        host.Address = host.ClientOptions.BaseAddress;
        return host;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("ConnectionStrings:Revisions", _connectionString);
        builder.UseSetting("Revisions:Integrity:KeyPath", _keyPath);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Revisions:Auth:SigningKey", _tokenKey);
        // The limiter still runs on every request; only the budgets are beyond what a load test sends.
        builder.UseSetting("Revisions:RateLimits:ReadsPerWindow", "1000000000");
        builder.UseSetting("Revisions:RateLimits:WritesPerWindow", "1000000000");
        // The watch benchmark's site is on loopback addresses, which a deployment refuses to fetch from.
        builder.UseSetting("Revisions:Watch:AllowPrivateAddresses", "true");
        builder.ConfigureServices(services =>
        {
            services.AddTransient<IStartupFilter, PingEndpoint>();
            if (_extra is not null) services.AddSingleton(_extra);
        });
    }

    /// <summary>A client for load signed in to the desk: its session cookie on every request.</summary>
    public async Task<HttpClient> CreateDeskClientAsync(int connections)
    {
        var client = CreateLoadClient(connections, signedIn: false);
        using var signIn = await client.GetAsync("/bench/desk-session");
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(Revisions.Api.Desk.DeskSignIn.CookieName + "=", StringComparison.Ordinal));
        client.DefaultRequestHeaders.Add("Cookie", cookie[..cookie.IndexOf(';')]);
        return client;
    }

    /// <summary>
    /// A client for load: its own connection pool (one connection per concurrent request, kept alive) and,
    /// unless it plays a reader, a bearer token with every newsroom role, since the API under /api needs one.
    /// </summary>
    public HttpClient CreateLoadClient(int connections, bool signedIn = true) => CreateLoadClient(Address, _tokenKey, connections, signedIn);

    /// <inheritdoc cref="CreateLoadClient(int, bool)"/>
    public static HttpClient CreateLoadClient(Uri address, string tokenKey, int connections, bool signedIn = true)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = TimeSpan.FromMinutes(30),
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false
        };
        var client = new HttpClient(handler) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
        if (!signedIn) return client;
        var token = TokenIssuer.FromBase64(tokenKey).Issue("Bench Editor", Roles.Newsroom, TimeSpan.FromHours(2));
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        File.Delete(_keyPath);
    }

    private sealed class PingEndpoint : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Map("/bench/ping", ping => ping.Run(context =>
            {
                context.Response.ContentType = "text/plain";
                return context.Response.WriteAsync("pong");
            }));
            // A desk session with every newsroom role, as the desk's sign-in would give one (the host runs in
            // Production, where the desk signs in only through an identity provider).
            app.Map("/bench/desk-session", session => session.Run(context =>
                Revisions.Api.Desk.DeskSignIn.SignInAsync(context, Revisions.Api.Desk.DeskSignIn.Identity("Bench Editor", Roles.Newsroom))));
            next(app);
        };
    }
}
