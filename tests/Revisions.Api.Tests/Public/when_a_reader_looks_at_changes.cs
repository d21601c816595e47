using System.Net;
using System.Text.RegularExpressions;
using Revisions.Api.Tests.Infrastructure;
using Revisions.Domain.Stories;

namespace Revisions.Api.Tests.Public;

public class when_a_reader_looks_at_changes(ApiFixture api) : IClassFixture<ApiFixture>
{
    private readonly Newsroom newsroom = api.Newsroom;

    /// <summary>Publishes v1, saves an interim draft nobody published, then publishes the next text.</summary>
    private async Task<(string Slug, int First, int Second)> TwoUpdatesWithADraftBetween()
    {
        var (slug, first) = await newsroom.Publish(Reader.Story("Ferry strike called",
            "Crews will strike on Monday.", "Talks failed last night."), note: "First report");
        await newsroom.SaveNow(slug, Reader.Story("Ferry strike called", "Crews will strike on Monday.", "INTERIM guess about talks."));
        await newsroom.SaveNow(slug, Reader.Story("Ferry strike called",
            "Crews will strike on Tuesday.", "Talks failed last night.", "Unions named three routes."));
        var second = await newsroom.PublishNow(slug, note: "Strike day corrected");
        await newsroom.SaveNow(slug, Reader.Story("Ferry strike called", "LATER DRAFT only."));
        return (slug, first, second);
    }

    [Fact]
    public async Task only_published_updates_are_listed_each_with_its_note_summary_and_diff()
    {
        var (slug, first, second) = await TwoUpdatesWithADraftBetween();

        var page = await newsroom.Open($"/stories/{slug}/changes");
        page.Status.ShouldBe(HttpStatusCode.OK);
        Regex.Matches(page.Html, "<section class=\"update\" id=\"v(\\d+)\"").Select(m => int.Parse(m.Groups[1].Value))
            .ShouldBe([first, second]);
        page.Html.ShouldContain("First report");
        page.Html.ShouldContain("Strike day corrected");
        Regex.Match(page.Html, "<p class=\"summary\">([^<]*)</p>\\s*<div class=\"inline-view\">").Groups[1].Value
            .ShouldBe("1 paragraph added, 1 changed, 2 words changed.");
        page.Html.ShouldContain("<del>Monday</del>");
        page.Html.ShouldContain("<ins>Tuesday</ins>");
        page.Html.ShouldContain("<ins>Unions named three routes.</ins>");
        page.Html.ShouldNotContain("INTERIM");
        page.Html.ShouldNotContain("LATER DRAFT");
        page.Html.ShouldContain("id=\"view-sbs\"");
        page.Html.ShouldContain("<table class=\"sbs\">");
    }

    [Fact]
    public async Task permalinks_are_publish_versions_and_show_the_story_as_published_then()
    {
        var (slug, first, second) = await TwoUpdatesWithADraftBetween();

        var changes = await newsroom.Open($"/stories/{slug}/changes");
        changes.Html.ShouldContain($"href=\"/stories/{slug}/versions/{first}\"");
        changes.Html.ShouldContain($"href=\"/stories/{slug}/versions/{second}\"");

        var then = await newsroom.Open($"/stories/{slug}/versions/{first}");
        then.Status.ShouldBe(HttpStatusCode.OK);
        then.Html.ShouldContain("Crews will strike on Monday.");
        then.Html.ShouldContain("This is an earlier version of the story.");
        then.Html.ShouldContain("Update 1 of 2");

        var latest = await newsroom.Open($"/stories/{slug}/versions/{second}");
        latest.Html.ShouldContain("Crews will strike on Tuesday.");
        latest.Html.ShouldNotContain("earlier version");

        foreach (var never in new[] { $"{first + 1}", $"{second - 1}", "0", "99", "x" })
            (await newsroom.Open($"/stories/{slug}/versions/{never}")).Status.ShouldBe(HttpStatusCode.NotFound, never);
    }

    [Fact]
    public async Task any_two_published_updates_can_be_compared_but_nothing_else()
    {
        var (slug, first, second) = await TwoUpdatesWithADraftBetween();
        var third = await RepublishWith(slug, Reader.Story("Ferry strike called", "Crews will strike on Tuesday.", "Unions named three routes."));

        var page = await newsroom.Open($"/stories/{slug}/changes?from={first}&to={third}");
        page.Status.ShouldBe(HttpStatusCode.OK);
        page.Html.ShouldContain("Update 1 compared with update 3");
        page.Html.ShouldContain("<del>Talks failed last night.</del>");
        page.Html.ShouldContain($"<option value=\"{first}\" selected>");
        page.Html.ShouldContain($"<option value=\"{third}\" selected>");
        Regex.Matches(page.Html, "<option value=\"(\\d+)\"").Select(m => int.Parse(m.Groups[1].Value)).Distinct()
            .ShouldBe([first, second, third]);

        (await newsroom.Open($"/stories/{slug}/changes?from={first + 1}&to={third}")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await newsroom.Open($"/stories/{slug}/changes?from={first}&to=abc")).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task updates_newer_than_the_one_a_reader_saw_are_marked_new()
    {
        var (slug, first, second) = await TwoUpdatesWithADraftBetween();
        var page = await newsroom.Open($"/stories/{slug}/changes?since={first}");
        Regex.Matches(page.Html, "<span class=\"new\">New</span>").Count.ShouldBe(1);
        page.Html.ShouldContain($"id=\"v{second}-title\">Update 2 <span class=\"when\">");
    }

    [Fact]
    public async Task the_seed_story_shows_the_bicester_paragraph_added_and_the_developing_story_line_removed()
    {
        var (slug, _) = await newsroom.Publish(SeedStory.Version(1));
        await newsroom.SaveNow(slug, SeedStory.Version(2));
        await newsroom.PublishNow(slug, note: "Adds Bicester fire");

        var story = await newsroom.Open($"/stories/{slug}");
        Regex.Matches(story.Html, "<h2>").Count.ShouldBe(2);
        Regex.Matches(Between(story.Html, "<div class=\"story-body\">", "</div>"), "<(p|h2)>").Count.ShouldBe(15);

        var changes = await newsroom.Open($"/stories/{slug}/changes");
        changes.Html.ShouldContain("<ins>A devastating fire at Bicester Motion");
        changes.Html.ShouldContain("<del>This is a developing story");
        changes.Html.ShouldContain("Short headline added, 1 paragraph added, 1 removed.");
    }

    private async Task<int> RepublishWith(string slug, StoryContent content)
    {
        await newsroom.SaveNow(slug, content);
        return await newsroom.PublishNow(slug);
    }

    private static string Between(string text, string start, string end)
    {
        var from = text.IndexOf(start, StringComparison.Ordinal) + start.Length;
        return text[from..text.IndexOf(end, from, StringComparison.Ordinal)];
    }
}
