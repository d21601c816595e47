using JasperFx.CommandLine;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Revisions.Api.Tests.Infrastructure;

namespace Revisions.Browser.Tests;

/// <summary>
/// The API served by Kestrel on a free loopback port over a fresh database, and the machine's Chromium
/// driven by Playwright. Playwright never downloads a browser: it launches the one <see cref="Chromium"/> finds.
/// </summary>
public sealed class ReaderSite : IAsyncLifetime
{
    private Api _api = null!;
    private IPlaywright _playwright = null!;

    public Uri Address { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public Newsroom Newsroom { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync(nameof(ReaderSite));
        // Program ends with RunJasperFxCommands, which only starts the host when told it runs under a test.
        JasperFxEnvironment.AutoStartHost = true;
        _api = new Api(connectionString);
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

    /// <summary>
    /// A fresh browser page at desktop or phone size. With <paramref name="live"/> it returns once the page's
    /// live-updates stream has answered, so the server is already listening for this reader.
    /// </summary>
    /// <param name="width">The window's width on a desktop, for pages checked at other sizes (the desk at 360 px).</param>
    public async Task<IPage> OpenAsync(string path, bool phone = false, bool live = false, int width = 1280)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Address.ToString(),
            ViewportSize = phone ? new ViewportSize { Width = 390, Height = 844 } : new ViewportSize { Width = width, Height = 900 },
            IsMobile = phone,
            HasTouch = phone
        });
        context.SetDefaultTimeout(10_000);
        var page = await context.NewPageAsync();
        var streaming = live ? page.WaitForResponseAsync(r => r.Url.Contains("/live?") && r.Status == 200) : Task.CompletedTask;
        await page.GotoAsync(path);
        await streaming;
        return page;
    }

    /// <summary>Saves a full-page screenshot under tests/Revisions.Browser.Tests/screenshots for people to look at.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var directory = Path.Combine(ProjectDirectory(), "screenshots");
        Directory.CreateDirectory(directory);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(directory, name + ".png"), FullPage = true });
    }

    /// <summary>The repository's root, above this project.</summary>
    public static string RepositoryDirectory() => Path.GetFullPath(Path.Combine(ProjectDirectory(), "..", ".."));

    private static string ProjectDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Revisions.Browser.Tests.csproj"))) return dir.FullName;
        }
        return AppContext.BaseDirectory;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (_api is not null) await _api.DisposeAsync();
    }

    private sealed class Api(string connectionString) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("ConnectionStrings:Revisions", connectionString);
            builder.UseSetting("Revisions:Integrity:KeyPath", ApiFixture.KeyPathFor(connectionString));
            foreach (var (key, value) in TestTokens.HostSettings) builder.UseSetting(key, value);
            builder.UseEnvironment("Testing");
        }
    }
}
