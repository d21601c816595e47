using Microsoft.Playwright;

namespace Revisions.Browser.Tests;

/// <summary>
/// People at the desk in Chromium: each signs in through the desk's own sign-in form (in a browser context of
/// their own, so their sessions never mix), and each page the tests visit can be kept as a screenshot for
/// docs/desk.md.
/// </summary>
public static class DeskDriver
{
    /// <summary>A fresh browser signed in to the desk as <paramref name="name"/> with <paramref name="roles"/>; on its sign-in page when it has none.</summary>
    public static async Task<IPage> SignInAsync(this ReaderSite site, string name, string[] roles, int width = 1280)
    {
        var page = await site.OpenAsync("/desk/sign-in", width: width);
        await page.GetByLabel("Your name").FillAsync(name);
        foreach (var role in Revisions.Api.Http.Roles.Newsroom)
            await page.GetByLabel(role, new() { Exact = true }).SetCheckedAsync(roles.Contains(role));
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        return page;
    }

    /// <summary>A full-page screenshot into docs/desk/, where docs/desk.md shows it.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var directory = Path.Combine(ReaderSite.RepositoryDirectory(), "docs", "desk");
        Directory.CreateDirectory(directory);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(directory, name + ".png"), FullPage = true });
    }
}
