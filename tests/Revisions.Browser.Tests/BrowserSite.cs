using JasperFx.CommandLine;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Revisions.Api.Tests.Infrastructure;

namespace Revisions.Browser.Tests;

/// <summary>
/// The API served by Kestrel on a free loopback port over a fresh database, and the machine's Chromium
/// driven by Playwright. Playwright never downloads a browser: it launches the one <see cref="Chromium"/> finds.
/// </summary>
/// <param name="clock">The host's clock, when the test moves time itself; the machine's otherwise.</param>
public abstract class BrowserSite(TimeProvider? clock = null) : IAsyncLifetime
{
    private Api _api = null!;
    private IPlaywright _playwright = null!;

    public Uri Address { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    /// <summary>The API with every newsroom role, for setting the scene.</summary>
    public Newsroom Newsroom { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync(GetType().Name);
        // Program ends with RunJasperFxCommands, which only starts the host when told it runs under a test.
        JasperFxEnvironment.AutoStartHost = true;
        _api = new Api(connectionString, clock);
        _api.UseKestrel(0);
        _api.StartServer();
        var addresses = _api.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        Address = new Uri(addresses.Addresses.First().Replace("localhost", "127.0.0.1"));
        Newsroom = new Newsroom(new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) });

        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium.Find(),
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"]
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (_api is not null) await _api.DisposeAsync();
    }

    private sealed class Api(string connectionString, TimeProvider? clock) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("ConnectionStrings:Revisions", connectionString);
            builder.UseSetting("Revisions:Integrity:KeyPath", ApiFixture.KeyPathFor(connectionString));
            foreach (var (key, value) in TestTokens.HostSettings) builder.UseSetting(key, value);
            builder.UseEnvironment("Testing");
            if (clock is not null) builder.ConfigureTestServices(services => services.AddSingleton(clock));
        }
    }
}
