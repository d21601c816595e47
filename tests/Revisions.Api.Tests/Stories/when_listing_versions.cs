using System.Net;
using Revisions.Api.Stories;
using Revisions.Api.Tests.Corrections;
using Revisions.Api.Tests.Infrastructure;
using Revisions.Domain.Corrections;

namespace Revisions.Api.Tests.Stories;

public class when_listing_versions(ApiFixture api) : IClassFixture<ApiFixture>
{
    private readonly Newsroom newsroom = api.Newsroom;

    [Fact]
    public async Task a_long_history_comes_a_page_at_a_time_with_links_to_the_others()
    {
        var id = (await newsroom.Create(Standards.Story("Paged history", "Version 1."))).Body.Id.ToString();
        for (var v = 1; v < 25; v++) await newsroom.Revise(id, Standards.Story("Paged history", $"Version {v + 1}."), v);

        var first = await newsroom.Get<List<VersionSummary>>($"/api/stories/{id}/versions?pageSize=10");
        first.Body.Select(v => v.Version).ShouldBe(Enumerable.Range(1, 10));
        first.Response.Headers.GetValues("X-Total-Count").Single().ShouldBe("25");
        var links = Links(first.Response);
        links.Keys.ShouldBe(["first", "next", "last"], ignoreOrder: true);
        links["next"].ShouldBe($"/api/stories/{id}/versions?page=2&pageSize=10");
        links["last"].ShouldBe($"/api/stories/{id}/versions?page=3&pageSize=10");

        var second = await newsroom.Get<List<VersionSummary>>(links["next"]);
        second.Body.Select(v => v.Version).ShouldBe(Enumerable.Range(11, 10));
        Links(second.Response).Keys.ShouldBe(["first", "prev", "next", "last"], ignoreOrder: true);

        var last = await newsroom.Get<List<VersionSummary>>(links["last"]);
        last.Body.Select(v => v.Version).ShouldBe(Enumerable.Range(21, 5));
        Links(last.Response).Keys.ShouldBe(["first", "prev", "last"], ignoreOrder: true);

        // Past the end: nothing, and the way back.
        var beyond = await newsroom.Get<List<VersionSummary>>($"/api/stories/{id}/versions?page=9&pageSize=10");
        beyond.Body.ShouldBeEmpty();
        Links(beyond.Response)["prev"].ShouldEndWith("page=3&pageSize=10");

        // Without paging parameters: the first hundred, which here is everything.
        var all = await newsroom.Get<List<VersionSummary>>($"/api/stories/{id}/versions");
        all.Body.Count.ShouldBe(25);
        Links(all.Response).Keys.ShouldBe(["first", "last"], ignoreOrder: true);
        (await newsroom.Versions(id)).Body.Select(v => v.Version).ShouldBe(Enumerable.Range(1, 25));
    }

    [Fact]
    public async Task pages_out_of_range_are_refused()
    {
        var id = (await newsroom.Create(Standards.Story("Refused pages", "Text."))).Body.Id;
        foreach (var query in new[] { "page=0", "pageSize=0", "pageSize=1001", "page=-1" })
            (await newsroom.Get<object>($"/api/stories/{id}/versions?{query}")).Status.ShouldBe(HttpStatusCode.BadRequest, query);
        (await newsroom.Get<object>($"/api/stories/{id}/versions?page=x")).Status.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task a_noted_version_shows_the_note_s_kind_text_and_the_content_it_is_about()
    {
        var (id, _) = await newsroom.PublishedStory(Standards.Story("Noted history", "The minister resigned on Tuesday."));
        await newsroom.AddNote(id, "correction", "An earlier version gave the wrong day.", version: 1);

        var noted = (await newsroom.Versions(id)).Body.Last();
        noted.Kind.ShouldBe("noted");
        noted.NoteKind.ShouldBe(NoteKind.Correction);
        noted.NoteText.ShouldBe("An earlier version gave the wrong day.");
        noted.AboutVersion.ShouldBe(1);
        (await newsroom.Versions(id)).Body.First().NoteKind.ShouldBeNull();
    }

    private static Dictionary<string, string> Links(HttpResponseMessage response) =>
        System.Text.RegularExpressions.Regex.Matches(string.Join(", ", response.Headers.GetValues("Link")), "<([^>]*)>; rel=\"([^\"]*)\"")
            .ToDictionary(m => m.Groups[2].Value, m => m.Groups[1].Value);
}
