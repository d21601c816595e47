using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Revisions.Api.Http;
using Revisions.Api.Tests.Infrastructure;
using Revisions.Cli;
using Revisions.Domain.Legal;
using Revisions.Domain.Stories;
using static Microsoft.Playwright.Assertions;

namespace Revisions.Browser.Tests;

public class when_standards_editors_and_lawyers_use_the_desk(ClockedDeskSite site) : IClassFixture<ClockedDeskSite>
{
    private Newsroom Newsroom => site.Newsroom;

    private static StoryContent Story(string headline, params string[] paragraphs) =>
        new(headline, null, null, null, paragraphs.Select(Block.Paragraph).ToList());

    /// <summary>Creates and publishes a story an hour from now; its slug and version.</summary>
    private async Task<(string Slug, int Version)> Published(StoryContent content)
    {
        site.Pass(TimeSpan.FromHours(1));
        var created = (await Newsroom.Create(content)).Body;
        var published = (await Newsroom.Publish(created.Slug, created.Version)).Body;
        return (published.Slug, published.Version);
    }

    /// <summary>Saves new content and publishes it without a note, <paramref name="later"/> after the last change.</summary>
    private async Task<int> RepublishedWithoutNote(string slug, int version, StoryContent content, TimeSpan later)
    {
        site.Pass(later);
        var revised = (await Newsroom.Revise(slug, content, version)).Body;
        return (await Newsroom.Publish(slug, revised.Version)).Body.Version;
    }

    [Fact]
    public async Task a_standards_editor_resolves_a_flag_with_a_correction_and_sees_it_in_the_log_and_the_chart()
    {
        const string headline = "Frontline shifts in the east";
        var (slug, version) = await Published(Story(headline, "Moscow now holds around 20% of Ukraine’s territory.", "Fighting continues near Pokrovsk."));
        await Published(Story("What the maps show", "Moscow now holds around 20% of Ukraine’s territory.", "Mapping groups agree on the trend."));
        await RepublishedWithoutNote(slug, version, Story(headline, "Moscow now holds around 25% of Ukraine’s territory.", "Fighting continues near Pokrovsk."),
            TimeSpan.FromHours(1));

        var page = await site.SignInAsync("Sam Standards", [Roles.Standards], "/desk/standards");
        var flag = page.Locator("article", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = headline }) });
        await Expect(flag).ToContainTextAsync("number");
        await DeskDriver.ScreenshotAsync(page, "standards-flags");

        await flag.GetByLabel("Kind of note").SelectOptionAsync("correction");
        await flag.GetByLabel("Note", new() { Exact = true }).FillAsync("An earlier version gave the share as 20%.");
        await flag.GetByRole(AriaRole.Button, new() { Name = "Add note and resolve" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("The flag is resolved");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = headline })).ToHaveCountAsync(0);

        await page.GetByRole(AriaRole.Link, new() { Name = "Corrections log" }).ClickAsync();
        await page.GetByLabel("Story (slug or id)").FillAsync(slug);
        await page.GetByLabel("Kind", new() { Exact = true }).SelectOptionAsync("correction");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        var row = page.Locator("table.corrections tbody tr");
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync("An earlier version gave the share as 20%.");
        await Expect(row).ToContainTextAsync("Sam Standards");
        var chart = page.GetByRole(AriaRole.Img, new() { Name = "Notes per week by kind" });
        await Expect(chart.Locator("rect.bar-correction")).ToHaveCountAsync(1);
        await Expect(chart.Locator("rect.bar-correction title")).ToContainTextAsync("1 correction");
        var table = page.Locator("table.chart-table");
        await Expect(table.Locator("tbody tr td").First).ToHaveTextAsync("1");
        await Expect(page.Locator("ul.counts")).ToContainTextAsync("correction: 1");
        await DeskDriver.ScreenshotAsync(page, "standards-corrections-log");
        await page.SetViewportSizeAsync(360, 800);
        await Expect(chart).ToBeVisibleAsync();
        await DeskDriver.ScreenshotAsync(page, "standards-corrections-log-phone");
        await page.SetViewportSizeAsync(1280, 900);

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download CSV" }).ClickAsync());
        download.SuggestedFilename.ShouldBe("corrections.csv");
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!);
        csv.ShouldStartWith("at,kind,story_id,slug,headline,about_version,editor,text");
        csv.ShouldContain("An earlier version gave the share as 20%.");

        await row.GetByRole(AriaRole.Link, new() { Name = "Other stories with the old phrase" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "What the maps show" })).ToBeVisibleAsync();
        await DeskDriver.ScreenshotAsync(page, "standards-siblings");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task a_lawyer_picks_a_moment_between_two_publishes_sees_that_text_and_downloads_a_bundle_that_verifies()
    {
        const string headline = "Council budget agreed";
        var (slug, version) = await Published(Story(headline, "The council agreed a budget of £3m for roads.", "The vote was 30 to 12."));
        var firstLive = site.Clock.GetUtcNow();
        var second = await RepublishedWithoutNote(slug, version, Story(headline, "The council agreed a budget of £4m for roads.", "The vote was 30 to 12."),
            TimeSpan.FromHours(3));
        var secondLive = site.Clock.GetUtcNow();
        site.Pass(TimeSpan.FromHours(1));

        // Between the two publishes, as a lawyer in India (UTC+05:30, no summer time) reads the clock.
        var moment = firstLive.AddMinutes(95);
        var local = moment.ToOffset(TimeSpan.FromMinutes(330)).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);
        var page = await site.SignInAsync("Lee Lawyer", [Roles.Legal], "/desk/legal", timeZone: "Asia/Kolkata");
        await page.GetByLabel("Story (slug, id or pick from the list)").FillAsync(slug);
        await page.GetByLabel("Date and time").FillAsync(local);
        await Expect(page.Locator("#zone-said")).ToContainTextAsync("(UTC+05:30)");
        await DeskDriver.ScreenshotAsync(page, "legal");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show what the public saw" }).ClickAsync();

        var seen = page.Locator("#seen");
        await Expect(seen.Locator("h3")).ToContainTextAsync($"At {moment.UtcDateTime.ToString("d MMM yyyy, HH:mm:ss", CultureInfo.InvariantCulture)} UTC");
        await Expect(seen.Locator("h3")).ToContainTextAsync("UTC+05:30");
        await Expect(seen.Locator("article")).ToContainTextAsync("The council agreed a budget of £3m for roads.");
        await Expect(seen.Locator("article")).Not.ToContainTextAsync("£4m");
        await Expect(seen.GetByText("Live", new() { Exact = true }).Locator("xpath=following-sibling::dd[1]"))
            .ToContainTextAsync($"until {secondLive.UtcDateTime.ToString("d MMM yyyy, HH:mm:ss", CultureInfo.InvariantCulture)} UTC");
        await Expect(seen.Locator("a.permalink")).ToHaveAttributeAsync("href", $"/stories/{slug}/versions/{version}");
        second.ShouldBeGreaterThan(version);
        await DeskDriver.ScreenshotAsync(page, "legal-public-at");
        await page.SetViewportSizeAsync(360, 800);
        await DeskDriver.ScreenshotAsync(page, "legal-public-at-phone");
        await page.SetViewportSizeAsync(1280, 900);

        var download = await page.RunAndWaitForDownloadAsync(() => seen.GetByRole(AriaRole.Link, new() { Name = "Download the evidence bundle" }).ClickAsync());
        download.SuggestedFilename.ShouldBe($"{slug}-evidence-{moment.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}.zip");
        var path = Path.Combine(Path.GetTempPath(), $"desk-bundle-{Guid.NewGuid():N}.zip");
        await download.SaveAsAsync(path);
        try
        {
            var (exit, output) = await Revisions("verify", path);
            exit.ShouldBe(0, output);
            output.ShouldContain("checkpoint signature is valid");
            output.ShouldContain("verified.");
        }
        finally
        {
            File.Delete(path);
        }
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task a_redacted_block_is_hidden_to_editors_and_shown_to_legal()
    {
        const string secret = "A witness named the council leader's brother as the contractor.";
        var (slug, _) = await Published(Story("Inquiry into roads contract", "The inquiry opened on Monday.", secret, "The council declined to comment."));

        var lawyer = await site.SignInAsync("Lee Lawyer", [Roles.Legal], $"/desk/legal/stories/{slug}");
        await lawyer.GetByLabel("What", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Value = "block:1" });
        await lawyer.GetByLabel("Reason (the order or privacy ground)").FillAsync("Injunction HC-2025-0142");
        await lawyer.GetByRole(AriaRole.Button, new() { Name = "Apply redaction" }).ClickAsync();

        await Expect(lawyer.GetByRole(AriaRole.Status).First).ToContainTextAsync("The redaction is in force");
        var block = lawyer.Locator("#seen [data-block='1']");
        await Expect(block).ToContainTextAsync(secret);
        await Expect(block.Locator(".redacted")).ToHaveTextAsync("redacted");
        await Expect(lawyer.Locator("section[aria-labelledby='redactions']")).ToContainTextAsync("Injunction HC-2025-0142");
        await DeskDriver.ScreenshotAsync(lawyer, "legal-redaction");

        // An administrator may read the legal desk, but is not legal: the block is withheld there too.
        var admin = await site.SignInAsync("Ada Admin", [Roles.Admin], $"/desk/legal/stories/{slug}");
        await Expect(admin.Locator("#seen [data-block='1']")).ToContainTextAsync(RedactionRules.Marker);
        await Expect(admin.Locator("#seen")).Not.ToContainTextAsync("council leader's brother");

        var editor = Newsroom.As(new HttpClient { BaseAddress = site.Address }, Roles.Editor);
        var story = (await editor.Get(slug)).Body;
        story.Body[1].Text.ShouldBe(RedactionRules.Marker);
        story.Body[0].Text.ShouldBe("The inquiry opened on Monday.");
        await lawyer.Context.CloseAsync();
        await admin.Context.CloseAsync();
    }

    [Fact]
    public async Task a_lawyer_places_a_hold_and_an_erasure_is_refused_with_the_hold_named()
    {
        var (slug, _) = await Published(Story("Contractor named in court", "Jo Bloggs of Bloggs Ltd was named in court.", "The case continues."));

        var page = await site.SignInAsync("Lee Lawyer", [Roles.Legal], $"/desk/legal/stories/{slug}");
        await page.GetByLabel("Reason (the case or order)").FillAsync("Preserve for Bloggs v Daily Courier");
        await page.GetByRole(AriaRole.Button, new() { Name = "Place hold" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("The story is under legal hold");

        await page.GetByLabel("Exact text to erase").FillAsync("Jo Bloggs");
        await page.GetByLabel("Reason (the law or order)").FillAsync("GDPR article 17 request");
        await page.GetByRole(AriaRole.Button, new() { Name = "Erase" }).ClickAsync();

        var refusal = page.Locator("section[aria-labelledby='erasure'] [role=alert]");
        await Expect(refusal).ToContainTextAsync("The story is under legal hold");
        await Expect(refusal).ToContainTextAsync("Preserve for Bloggs v Daily Courier");
        await Expect(page.GetByLabel("Exact text to erase")).ToHaveValueAsync("Jo Bloggs");
        await DeskDriver.ScreenshotAsync(page, "legal-erasure-refused");

        await page.GetByLabel("Reason to lift").FillAsync("Case settled");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lift hold" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("The hold is lifted");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task a_lawyer_verifies_the_store_and_sees_it_whole()
    {
        await Published(Story("Integrity checked", "Every event is chained to the one before it."));
        var page = await site.SignInAsync("Lee Lawyer", [Roles.Legal], "/desk/legal/integrity");
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify now" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync(new Regex("Everything verified: [0-9,]+ events across [0-9]+ stories"));
        await DeskDriver.ScreenshotAsync(page, "legal-integrity");
        await page.Context.CloseAsync();
    }

    /// <summary>Runs the revisions command in process, as a lawyer would run it on the downloaded file.</summary>
    private static async Task<(int Exit, string Output)> Revisions(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var console = CliEnvironment.CreateConsole(output, colour: false, redirected: true);
        var exit = await Cli.Cli.RunAsync(args, new CliEnvironment(output, error, console, () => new HttpClient(), _ => null, Colour: false));
        return (exit, output + error.ToString());
    }
}
