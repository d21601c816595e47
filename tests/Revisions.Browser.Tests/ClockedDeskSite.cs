using JasperFx.CommandLine;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;
using Revisions.Api.Tests.Infrastructure;

namespace Revisions.Browser.Tests;

/// <summary>
/// The desk served by Kestrel over a fresh database, with a clock the test moves (events are stamped by it, so
/// two publishes can be hours apart without waiting), and the machine's Chromium to use it. People sign in
/// through the desk's own form, as in Development.
/// </summary>
public sealed class ClockedDeskSite : IAsyncLifetime
{
    private Api _api = null!;
    private IPlaywright _playwright = null!;

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2025, 5, 12, 8, 0, 0, TimeSpan.Zero));
    public Uri Address { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    /// <summary>The API with every newsroom role, for setting the scene.</summary>
    public Newsroom Newsroom { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync(nameof(ClockedDeskSite));
        JasperFxEnvironment.AutoStartHost = true;
        _api = new Api(connectionString, Clock);
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

    /// <summary>Moves the clock on and says what time it is now.</summary>
    public DateTimeOffset Pass(TimeSpan time)
    {
        Clock.Advance(time);
        return Clock.GetUtcNow();
    }

    /// <summary>
    /// A fresh browser in <paramref name="timeZone"/>, signed in to the desk through its form as
    /// <paramref name="name"/> with <paramref name="roles"/>, on <paramref name="path"/>.
    /// </summary>
    public async Task<IPage> SignInAsync(string name, string[] roles, string path, string timeZone = "UTC")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Address.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            TimezoneId = timeZone,
            AcceptDownloads = true
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/desk/sign-in?returnUrl={Uri.EscapeDataString(path)}");
        await page.GetByLabel("Your name").FillAsync(name);
        foreach (var role in Revisions.Api.Http.Roles.Newsroom)
        {
            var box = page.GetByRole(AriaRole.Checkbox, new() { Name = role, Exact = true });
            await box.SetCheckedAsync(roles.Contains(role));
        }
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).PathAndQuery.StartsWith(path, StringComparison.Ordinal));
        return page;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (_api is not null) await _api.DisposeAsync();
    }

    private sealed class Api(string connectionString, TimeProvider clock) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("ConnectionStrings:Revisions", connectionString);
            builder.UseSetting("Revisions:Integrity:KeyPath", ApiFixture.KeyPathFor(connectionString));
            foreach (var (key, value) in TestTokens.HostSettings) builder.UseSetting(key, value);
            builder.UseEnvironment("Testing");
            builder.ConfigureTestServices(services => services.AddSingleton(clock));
        }
    }
}
