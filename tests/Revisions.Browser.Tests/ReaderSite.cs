using Microsoft.Playwright;

namespace Revisions.Browser.Tests;

/// <summary>The site as readers (and desk users at other window sizes) open it in Chromium.</summary>
public sealed class ReaderSite : BrowserSite
{
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
}
