using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;

namespace Revisions.Browser.Tests;

/// <summary>
/// The desk with a clock the test moves (events are stamped by it, so two publishes can be hours apart without
/// waiting). People sign in through the desk's own form, as in Development.
/// </summary>
public sealed class ClockedDeskSite : BrowserSite
{
    public ClockedDeskSite() : this(new FakeTimeProvider(new DateTimeOffset(2025, 5, 12, 8, 0, 0, TimeSpan.Zero))) { }

    private ClockedDeskSite(FakeTimeProvider clock) : base(clock) => Clock = clock;

    public FakeTimeProvider Clock { get; }

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
        try
        {
            // The first page after signing in is the first render of its components: slower than the rest when
            // the whole test run shares two cores.
            await page.WaitForURLAsync(url => new Uri(url).PathAndQuery.StartsWith(path, StringComparison.Ordinal), new() { Timeout = 45_000 });
        }
        catch (TimeoutException e)
        {
            // Say where the browser is instead, and what that page says, so a failure names its cause.
            var text = await page.Locator("body").InnerTextAsync(new() { Timeout = 5_000 });
            throw new TimeoutException($"Signing in as {name} did not reach {path}: the browser is on {page.Url}, which says: {text[..Math.Min(text.Length, 600)]}", e);
        }
        return page;
    }
}
