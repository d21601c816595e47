using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Revisions.Api.Http;
using Revisions.Api.Tests.Infrastructure;
using Revisions.Domain.Stories;
using static Microsoft.Playwright.Assertions;

namespace Revisions.Browser.Tests;

/// <summary>The newsroom desk in Chromium, one workflow a test, each page it visits kept for docs/desk.md.</summary>
public class when_an_editor_works_at_the_desk(ReaderSite site) : IClassFixture<ReaderSite>
{
    private Newsroom Newsroom => site.Newsroom;

    private static StoryContent Story(string headline, params string[] paragraphs) =>
        new(headline, null, "What happened, in one line.", "By Ann Editor", paragraphs.Select(Block.Paragraph).ToList());

    [Fact]
    public async Task an_editor_compares_two_versions_side_by_side_and_restores_one()
    {
        var slug = (await Newsroom.Create(Story("Harbour bridge to close for repairs", "The bridge closes on Monday.", "Ferries will run every ten minutes.", "The council approved the work in May."))).Body.Slug;
        await Save(slug, Story("Harbour bridge to close for repairs", "The bridge closes on Tuesday.", "The council approved the work in May.", "Ferries will run every ten minutes."));
        await Save(slug, Story("Harbour bridge closed for repairs", "The bridge closed on Tuesday.", "The council approved the work in May.", "Ferries will run every ten minutes.", "Repairs take six weeks."));
        await Newsroom.Send<JsonElement>(HttpMethod.Post, $"/api/stories/{slug}/notes", "Ann Editor", new { kind = "update", text = "Repairs now expected to take six weeks." });

        var page = await site.SignInAsync("Edna Editor", [Roles.Editor]);
        await Expect(page).ToHaveURLAsync(new Regex("/desk/stories$"));
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Harbour bridge closed for repairs" })).ToBeVisibleAsync();
        await DeskDriver.ScreenshotAsync(page, "stories");

        await page.GetByRole(AriaRole.Link, new() { Name = "Harbour bridge closed for repairs" }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Harbour bridge closed for repairs");
        await Expect(page.Locator("svg.timeline")).ToBeVisibleAsync();
        await Expect(page.Locator("table.versions tbody tr")).ToHaveCountAsync(4);
        await Expect(page.Locator("#v4")).ToContainTextAsync("update: Repairs now expected to take six weeks.");
        await DeskDriver.ScreenshotAsync(page, "history");

        await page.GetByLabel("Compare from version 1").CheckAsync();
        await page.GetByLabel("Compare to version 2").CheckAsync();
        await page.GetByLabel("Side by side").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Compare selected versions" }).ClickAsync();

        await Expect(page.Locator("#comparison-title")).ToHaveTextAsync("Version 1 compared with version 2");
        var table = page.Locator("table.sbs");
        await Expect(table.Locator("del", new() { HasTextString = "Monday" })).ToBeVisibleAsync();
        await Expect(table.Locator("ins", new() { HasTextString = "Tuesday" })).ToBeVisibleAsync();
        await Expect(table.Locator("tr.moved").First).ToContainTextAsync("Moved to block 3");
        await Expect(table.Locator("tr.moved").First).ToContainTextAsync("Ferries will run every ten minutes.");
        await DeskDriver.ScreenshotAsync(page, "compare-side-by-side");

        await page.GetByRole(AriaRole.Button, new() { Name = "Restore version 1" }).ClickAsync();
        await Expect(page.Locator(".flash")).ToHaveTextAsync("Restored as a new version.");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Harbour bridge to close for repairs");
        await Expect(page.Locator("#v5")).ToContainTextAsync("restored");
        (await Newsroom.Get(slug)).Body.Body.Select(b => b.Text).ShouldBe(["The bridge closes on Monday.", "Ferries will run every ten minutes.", "The council approved the work in May."]);
        (await Newsroom.Versions(slug)).Body[^1].Editor.ShouldBe("Edna Editor");

        await page.GetByRole(AriaRole.Link, new() { Name = "2", Exact = true }).ClickAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync("Version 2: Harbour bridge to close for repairs");
        await Expect(page.Locator("article.story-text")).ToContainTextAsync("The bridge closes on Tuesday.");
        await DeskDriver.ScreenshotAsync(page, "version");
    }

    [Fact]
    public async Task a_second_editor_s_save_in_between_shows_the_conflict_message()
    {
        var slug = (await Newsroom.Create(Story("Storm warning for the coast", "Winds of 90 km/h are expected."))).Body.Slug;
        var page = await site.SignInAsync("Edna Editor", [Roles.Editor]);
        await page.GotoAsync($"/desk/stories/{slug}/edit");
        await page.GetByLabel("Text of block 1").FillAsync("Winds of 120 km/h are expected tonight.");

        // Meanwhile, another editor saves.
        await Save(slug, Story("Storm warning for the coast", "Winds of 100 km/h are expected.", "Schools are closed."), "Bo Desk");

        await page.GetByRole(AriaRole.Button, new() { Name = "Save as a new version" }).ClickAsync();
        var notice = page.Locator(".conflict");
        await Expect(notice).ToContainTextAsync("Someone saved meanwhile.");
        await Expect(notice).ToContainTextAsync("Bo Desk saved version 2");
        await Expect(page.GetByLabel("Text of block 1")).ToHaveValueAsync("Winds of 120 km/h are expected tonight.");
        await DeskDriver.ScreenshotAsync(page, "conflict");

        await notice.GetByRole(AriaRole.Link, new() { Name = "See what changed since version 1" }).ClickAsync();
        await Expect(page.Locator("#comparison-title")).ToHaveTextAsync("Version 1 compared with version 2");
        await Expect(page.Locator(".inline-view ins", new() { HasTextString = "Schools are closed." })).ToBeVisibleAsync();
        (await Newsroom.Versions(slug)).Body.Count.ShouldBe(2);
    }

    [Fact]
    public async Task an_editor_creates_edits_publishes_and_notes_a_story()
    {
        var page = await site.SignInAsync("Edna Editor", [Roles.Editor]);
        await page.GetByRole(AriaRole.Link, new() { Name = "New story" }).ClickAsync();
        await page.GetByLabel("Headline", new() { Exact = true }).FillAsync("Library reopens after flood");
        await page.GetByLabel("Text of block 1").FillAsync("The central library reopens on Saturday.");
        await DeskDriver.ScreenshotAsync(page, "new-story");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create story" }).ClickAsync();
        await Expect(page.Locator(".flash")).ToHaveTextAsync("Story created.");

        await page.GetByRole(AriaRole.Link, new() { Name = "Edit", Exact = true }).ClickAsync();
        await page.GetByLabel("Short headline").FillAsync("Library reopens");
        await page.GetByLabel("Block 2 is a").SelectOptionAsync("subheading");
        await page.GetByLabel("Text of block 2").FillAsync("Opening hours");
        await page.GetByLabel("Text of block 3").FillAsync("It opens from nine to five.");
        await DeskDriver.ScreenshotAsync(page, "edit");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save as a new version" }).ClickAsync();
        await Expect(page.Locator(".flash")).ToHaveTextAsync("Saved as a new version.");

        await page.GetByRole(AriaRole.Button, new() { Name = "Publish version 2" }).ClickAsync();
        await Expect(page.Locator(".flash")).ToHaveTextAsync("Published: readers now see this version.");
        await page.Locator("details.note-form summary").ClickAsync();
        await page.GetByLabel("Kind").SelectOptionAsync("clarification");
        await page.GetByLabel("Note", new() { Exact = true }).FillAsync("The library's lower floor stays closed.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add note" }).ClickAsync();
        await Expect(page.Locator(".flash")).ToHaveTextAsync("Note added.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Unpublish" }).ClickAsync();
        await Expect(page.Locator(".flash")).ToHaveTextAsync("Unpublished: readers no longer see the story.");

        var story = (await Newsroom.Get("library-reopens-after-flood")).Body;
        story.ShortHeadline.ShouldBe("Library reopens");
        story.Body.ShouldBe([Block.Paragraph("The central library reopens on Saturday."), Block.Subheading("Opening hours"), Block.Paragraph("It opens from nine to five.")]);
        (await Newsroom.Versions(story.Slug)).Body.Select(v => v.Kind).ShouldBe(["created", "revised", "published", "noted", "unpublished"]);
    }

    [Fact]
    public async Task a_reader_only_identity_is_refused_at_the_desk()
    {
        var signIn = await site.OpenAsync("/desk/sign-in");
        await Expect(signIn.GetByLabel("Your name")).ToBeVisibleAsync();
        await DeskDriver.ScreenshotAsync(signIn, "sign-in");
        await signIn.Context.CloseAsync();

        var page = await site.SignInAsync("Rita Reader", []);
        await Expect(page).ToHaveURLAsync(new Regex("/desk/refused"));
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("The desk is for the newsroom");
        var response = await page.GotoAsync("/desk/stories");
        response!.Status.ShouldBe((int)HttpStatusCode.Forbidden);
        await DeskDriver.ScreenshotAsync(page, "refused");
    }

    [Fact]
    public async Task a_redacted_block_is_hidden_to_editors_on_the_desk_and_shown_to_legal()
    {
        var slug = (await Newsroom.Create(Story("Court hears fraud case", "The trial opened on Monday.", "A witness named the manager as J. Smith.", "The case continues."))).Body.Slug;
        (await Newsroom.Send<JsonElement>(HttpMethod.Post, $"/api/stories/{slug}/redactions", "Lee Legal",
            new { contentVersion = 1, block = 1, reason = "Court order 2026/118" })).Status.ShouldBe(HttpStatusCode.Created);

        var editor = await site.SignInAsync("Edna Editor", [Roles.Editor]);
        await editor.GotoAsync($"/desk/stories/{slug}/compare?from=0&to=1");
        await Expect(editor.Locator("#comparison")).ToContainTextAsync("[removed for legal reasons]");
        await Expect(editor.Locator("#comparison")).Not.ToContainTextAsync("J. Smith");
        await DeskDriver.ScreenshotAsync(editor, "redacted-for-editors");

        var lawyer = await site.SignInAsync("Lee Legal", [Roles.Legal]);
        await lawyer.GotoAsync($"/desk/stories/{slug}/compare?from=0&to=1");
        await Expect(lawyer.Locator("#comparison")).ToContainTextAsync("A witness named the manager as J. Smith.");
        await DeskDriver.ScreenshotAsync(lawyer, "redacted-shown-to-legal");
    }

    [Fact]
    public async Task the_desk_is_usable_360_pixels_wide()
    {
        var slug = (await Newsroom.Create(Story("Tram line extended to the airport", "Trams reach the airport from June."))).Body.Slug;
        await Save(slug, Story("Tram line extended to the airport", "Trams reach the airport from July.", "Tickets cost the same."));
        var page = await site.SignInAsync("Edna Editor", [Roles.Editor], width: 360);
        await page.GotoAsync($"/desk/stories/{slug}/compare?from=1&to=2&view=side-by-side");
        await Expect(page.Locator("table.sbs ins", new() { HasTextString = "July" })).ToBeVisibleAsync();
        var overflow = await page.EvaluateAsync<int>("document.documentElement.scrollWidth - window.innerWidth");
        overflow.ShouldBeLessThanOrEqualTo(0);
        await DeskDriver.ScreenshotAsync(page, "compare-phone");
    }

    private async Task Save(string slug, StoryContent content, string editor = "Ann Editor")
    {
        var current = (await Newsroom.Get(slug)).Body;
        (await Newsroom.Revise(slug, content, current.Version, editor)).Status.ShouldBe(HttpStatusCode.OK);
    }
}
