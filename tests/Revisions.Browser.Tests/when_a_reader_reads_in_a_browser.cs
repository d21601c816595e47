using Microsoft.Playwright;
using Revisions.Api.Tests.Infrastructure;
using Revisions.Domain.Stories;
using static Microsoft.Playwright.Assertions;

namespace Revisions.Browser.Tests;

public class when_a_reader_reads_in_a_browser(ReaderSite site) : IClassFixture<ReaderSite>
{
    private Newsroom Newsroom => site.Newsroom;

    private static StoryContent Story(string headline, params string[] paragraphs) =>
        new(headline, null, null, null, paragraphs.Select(Block.Paragraph).ToList());

    [Fact]
    public async Task an_open_page_offers_a_new_update_and_its_changes_are_marked()
    {
        var slug = await PublishNew(Story("Rail line closed by floods", "The line is closed until Friday.", "Buses replace trains."));
        var page = await site.OpenAsync($"/stories/{slug}", live: true);
        await Expect(page.Locator("h1")).ToHaveTextAsync("Rail line closed by floods");

        await Save(slug, Story("Rail line closed by floods", "The line is closed until Monday.", "Buses replace trains.", "Engineers are on site."));
        var update = await PublishNow(slug, "Reopening date moved");

        var banner = page.GetByRole(AriaRole.Link, new() { Name = "This story was updated — show changes" });
        await Expect(banner).ToBeVisibleAsync();
        await ReaderSite.ScreenshotAsync(page, "story-with-update-banner");
        await banner.ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/stories/{slug}/changes\\?since=\\d+#v{update}$"));
        var section = page.Locator($"#v{update}");
        await Expect(section.Locator(".inline-view del")).ToHaveTextAsync(["Friday"]);
        await Expect(section.Locator(".inline-view ins")).ToHaveTextAsync(["Monday", "Engineers are on site."]);
        await Expect(section.Locator(".note")).ToContainTextAsync("Reopening date moved");
        await Expect(section.Locator(".new")).ToHaveTextAsync("New");
    }

    [Fact]
    public async Task the_seed_story_and_its_changes_render_in_both_views_on_desktop_and_phone()
    {
        var slug = await PublishNew(SeedStory.Version(1));
        await Save(slug, SeedStory.Version(2));
        var second = await PublishNow(slug, "Adds the Bicester Motion fire");

        foreach (var phone in new[] { false, true })
        {
            var size = phone ? "phone" : "desktop";
            var story = await site.OpenAsync($"/stories/{slug}", phone);
            await Expect(story.Locator(".story-body > p, .story-body > h2")).ToHaveCountAsync(15);
            await Expect(story.Locator(".story-body > h2")).ToHaveTextAsync(["Conflict Continues on the Ground", "International responses"]);
            await Expect(story.Locator(".updated time")).ToHaveAttributeAsync("datetime", new System.Text.RegularExpressions.Regex("^\\d{4}-\\d\\d-\\d\\dT"));
            await ReaderSite.ScreenshotAsync(story, $"story-{size}");

            var changes = await site.OpenAsync($"/stories/{slug}/changes", phone);
            var update = changes.Locator($"#v{second}");
            await Expect(update.Locator(".inline-view ins", new() { HasTextString = "A devastating fire at Bicester Motion" })).ToBeVisibleAsync();
            await Expect(update.Locator(".inline-view del", new() { HasTextString = "This is a developing story" })).ToBeVisibleAsync();
            await Expect(update.Locator(".summary")).ToHaveTextAsync("Short headline added, 1 paragraph added, 1 removed.");
            await ReaderSite.ScreenshotAsync(changes, $"changes-inline-{size}");

            await changes.GetByLabel("Side by side").CheckAsync();
            await Expect(update.Locator(".inline-view")).ToBeHiddenAsync();
            await Expect(update.Locator(".sbs-view del", new() { HasTextString = "This is a developing story" })).ToBeVisibleAsync();
            await Expect(update.Locator(".sbs-view ins", new() { HasTextString = "A devastating fire at Bicester Motion" })).ToBeVisibleAsync();
            await ReaderSite.ScreenshotAsync(changes, $"changes-side-by-side-{size}");
            await changes.Context.CloseAsync();
            await story.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task any_two_updates_can_be_compared_from_the_form()
    {
        var slug = await PublishNew(Story("Council votes on budget", "The vote is at six."));
        var first = (await PublishVersions(slug))[0];
        await Save(slug, Story("Council votes on budget", "The vote is at seven."));
        await PublishNow(slug);
        await Save(slug, Story("Council votes on budget", "The vote passed at seven.", "Taxes rise 3%."));
        var third = await PublishNow(slug);

        var page = await site.OpenAsync($"/stories/{slug}/changes");
        await page.GetByLabel("From", new() { Exact = true }).SelectOptionAsync(first.ToString());
        await page.GetByLabel("To", new() { Exact = true }).SelectOptionAsync(third.ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Compare" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"from={first}&to={third}$"));
        await Expect(page.Locator("h2#cmp-title")).ToHaveTextAsync("Update 1 compared with update 3");
        await Expect(page.Locator(".inline-view ins")).ToHaveTextAsync(["passed", "seven", "Taxes rise 3%."]);
    }

    [Fact]
    public async Task script_in_a_story_shows_as_text_and_never_runs()
    {
        var slug = await PublishNew(Story("Hostile <b>input</b> test", "<script>alert(1)</script>", "<img src=x onerror=alert(2)>"));
        await Save(slug, Story("Hostile <b>input</b> test", "<script>alert(1)</script>", "<svg onload=alert(3)>"));
        await PublishNow(slug, "<script>alert(4)</script>");
        var dialogs = new List<string>();

        foreach (var path in new[] { $"/stories/{slug}", $"/stories/{slug}/changes" })
        {
            var page = await site.OpenAsync("about:blank");
            page.Dialog += (_, dialog) => { dialogs.Add(dialog.Message); _ = dialog.DismissAsync(); };
            await page.GotoAsync(path);
            await Expect(page.GetByText("<script>alert(1)</script>").First).ToBeVisibleAsync();
            await Expect(page.Locator("h1")).ToContainTextAsync("<b>input</b>");
            await Expect(page.Locator("img, svg")).ToHaveCountAsync(0);
            await page.Context.CloseAsync();
        }
        dialogs.ShouldBeEmpty();
    }

    private async Task<string> PublishNew(StoryContent content)
    {
        var created = (await Newsroom.Create(content)).Body;
        await PublishNow(created.Slug);
        return created.Slug;
    }

    private async Task Save(string slug, StoryContent content)
    {
        var current = (await Newsroom.Get(slug)).Body;
        (await Newsroom.Revise(slug, content, current.Version)).Status.ShouldBe(System.Net.HttpStatusCode.OK);
    }

    /// <summary>Publishes what is saved and returns the version of the publish event itself.</summary>
    private async Task<int> PublishNow(string slug, string? note = null)
    {
        var current = (await Newsroom.Get(slug)).Body;
        (await Newsroom.Publish(slug, current.Version, note: note)).Status.ShouldBe(System.Net.HttpStatusCode.OK);
        return (await PublishVersions(slug))[^1];
    }

    private async Task<List<int>> PublishVersions(string slug) =>
        (await Newsroom.Versions(slug)).Body.Where(v => v.Kind == "published").Select(v => v.Version).ToList();
}
