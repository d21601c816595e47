using System.Net;
using System.Text.Json;
using Revisions.Api.Diffs;
using Revisions.Api.Tests.Infrastructure;
using Revisions.Diff;
using Revisions.Domain.Stories;

namespace Revisions.Api.Tests.Diffs;

public class when_comparing_versions(ApiFixture api) : IClassFixture<ApiFixture>
{
    private readonly Newsroom newsroom = api.Newsroom;

    private async Task<string> SeedStoryWithTwoVersions(string headline)
    {
        var id = (await newsroom.Create(SeedStory.Version(1) with { Headline = headline })).Body.Id.ToString();
        await newsroom.Revise(id, SeedStory.Version(2) with { Headline = headline }, 1);
        return id;
    }

    [Fact]
    public async Task the_seed_update_shows_one_paragraph_removed_one_added_and_the_short_headline_added()
    {
        var id = await SeedStoryWithTwoVersions("Direct Talks Between Russia and Ukraine Resume After Three-Year Pause");

        var answer = await newsroom.Get<StoryDiffView>($"/api/stories/{id}/diff");

        answer.Status.ShouldBe(HttpStatusCode.OK);
        var view = answer.Body;
        view.From!.Version.ShouldBe(1);
        view.To!.Version.ShouldBe(2);
        var diff = view.Diff;
        diff.Fields.Single(f => f.Field == "headline").Op.ShouldBe(FieldOp.Unchanged);
        diff.Fields.Single(f => f.Field == "standfirst").Op.ShouldBe(FieldOp.Unchanged);
        diff.Fields.Single(f => f.Field == "shortHeadline").Op.ShouldBe(FieldOp.Added);
        diff.Body.Where(b => b.Op == BlockOp.Delete).Select(b => b.FromText)
            .ShouldBe(["This is a developing story, we will bring you more details as they come. Please refresh the page to update."]);
        diff.Body.Where(b => b.Op == BlockOp.Insert).ShouldHaveSingleItem().ToText!.ShouldStartWith("A devastating fire at Bicester Motion");
        diff.Body.Count(b => b.Op == BlockOp.Equal).ShouldBe(14);
        diff.Summary.BlocksUnchanged.ShouldBe(14);
    }

    [Fact]
    public async Task versions_can_be_named_by_number_published_or_instant()
    {
        var id = (await newsroom.Create(SeedStory.Version(1) with { Headline = "Named versions" })).Body.Id.ToString();
        await newsroom.Publish(id, 1);
        var v2 = SeedStory.Version(1) with { Headline = "Named versions", Body = [.. SeedStory.Version(1).Body.Take(3)] };
        await newsroom.Revise(id, v2, 2);
        var versions = (await newsroom.Versions(id)).Body;

        var sincePublished = (await newsroom.Get<StoryDiffView>($"/api/stories/{id}/diff?from=published&to=latest")).Body;
        sincePublished.From!.Version.ShouldBe(1);
        sincePublished.To!.Version.ShouldBe(3);
        sincePublished.Diff.Summary.BlocksRemoved.ShouldBe(12);

        var instant = Uri.EscapeDataString(versions[1].At.ToString("O"));
        var byInstant = (await newsroom.Get<StoryDiffView>($"/api/stories/{id}/diff?from={instant}&to=3")).Body;
        byInstant.From!.Version.ShouldBe(2);

        var publishOnly = (await newsroom.Get<StoryDiffView>($"/api/stories/{id}/diff?to=2")).Body;
        publishOnly.Diff.IsEmpty.ShouldBeTrue();

        var first = (await newsroom.Get<StoryDiffView>($"/api/stories/{id}/diff?to=1")).Body;
        first.From!.Version.ShouldBe(0);
        first.Diff.Summary.BlocksAdded.ShouldBe(15);
    }

    [Fact]
    public async Task html_marks_words_and_never_lets_markup_through()
    {
        var id = (await newsroom.Create(new StoryContent("Starmer <b>speaks</b>", null, null, null,
            [Block.Paragraph("UK prime minister Kier Starmer said allies must follow through.")]))).Body.Id.ToString();
        await newsroom.Revise(id, new StoryContent("Starmer <b>speaks</b>", null, null, null,
            [Block.Paragraph("UK prime minister Keir Starmer said allies must follow through."), Block.Paragraph("<script>alert(1)</script>")]), 1);

        var response = await newsroom.Client.GetAsync($"/api/stories/{id}/diff?format=html");
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("<del");
        html.ShouldContain("Kier");
        html.ShouldContain("<ins");
        html.ShouldContain("Keir");
        html.ShouldNotContain("<script>");
        html.ShouldContain("&lt;script&gt;");
        html.ShouldNotContain("<b>");

        var text = await newsroom.Client.GetStringAsync($"/api/stories/{id}/diff?format=text");
        text.ShouldContain("Keir");
    }

    [Fact]
    public async Task ignoring_case_hides_a_case_only_edit()
    {
        var id = (await newsroom.Create(new StoryContent("Talks", null, null, null, [Block.Paragraph("Talks resume in Istanbul.")]))).Body.Id.ToString();
        await newsroom.Revise(id, new StoryContent("Talks", null, null, null, [Block.Paragraph("Talks Resume In Istanbul.")]), 1);

        (await newsroom.Get<StoryDiffView>($"/api/stories/{id}/diff")).Body.Diff.IsEmpty.ShouldBeFalse();
        (await newsroom.Get<StoryDiffView>($"/api/stories/{id}/diff?ignore=case")).Body.Diff.IsEmpty.ShouldBeTrue();
    }

    [Theory]
    [InlineData("?from=9", HttpStatusCode.NotFound)]
    [InlineData("?to=9", HttpStatusCode.NotFound)]
    [InlineData("?from=soon", HttpStatusCode.BadRequest)]
    [InlineData("?from=published", HttpStatusCode.NotFound)]
    [InlineData("?from=2000-01-01T00:00:00Z", HttpStatusCode.NotFound)]
    [InlineData("?format=pdf", HttpStatusCode.BadRequest)]
    [InlineData("?ignore=commas", HttpStatusCode.BadRequest)]
    public async Task unknown_or_invalid_versions_and_options_are_refused(string query, HttpStatusCode status)
    {
        var id = await SeedStoryWithTwoVersions($"Refusals {Guid.NewGuid():N}");
        var answer = await newsroom.Get<JsonElement>($"/api/stories/{id}/diff{query}");
        answer.Status.ShouldBe(status);
        answer.Problem.ShouldNotBeNull();
    }

    [Fact]
    public async Task a_cms_can_preview_a_change_without_saving_it()
    {
        var before = (await newsroom.Get<Api.Stories.StoryPage>("/api/stories?pageSize=100")).Body.Total;
        var answer = await newsroom.Send<StoryDiffView>(HttpMethod.Post, "/api/diff", editor: null, new
        {
            from = SeedStory.Version(1),
            to = SeedStory.Version(2)
        });

        answer.Status.ShouldBe(HttpStatusCode.OK);
        answer.Body.Diff.Summary.BlocksAdded.ShouldBe(1);
        answer.Body.Diff.Summary.BlocksRemoved.ShouldBe(1);
        answer.Body.StoryId.ShouldBeNull();
        (await newsroom.Get<Api.Stories.StoryPage>("/api/stories?pageSize=100")).Body.Total.ShouldBe(before);

        var invalid = await newsroom.SendRaw(HttpMethod.Post, "/api/diff", """{"from":{"headline":"a","body":[]},"to":{"headline":"","body":[]}}""");
        invalid.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await invalid.Content.ReadAsStringAsync()).ShouldContain("to.headline");
    }
}
