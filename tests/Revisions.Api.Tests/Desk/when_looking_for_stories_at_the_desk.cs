using System.Net;
using Revisions.Api.Http;
using Revisions.Api.Tests.Infrastructure;
using Revisions.Domain.Stories;

namespace Revisions.Api.Tests.Desk;

public class when_looking_for_stories_at_the_desk(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task search_and_filters_narrow_the_list_as_the_api_search_does()
    {
        var newsroom = api.Newsroom;
        var ferry = (await newsroom.Create(new StoryContent("Ferry strike called off", null, null, null, [Block.Paragraph("Crews accepted the offer.")]), editor: "Bo Desk")).Body;
        await newsroom.Publish(ferry.Slug, ferry.Version, editor: "Bo Desk");
        await newsroom.Create(new StoryContent("Museum opens new wing", null, null, null, [Block.Paragraph("The wing holds ferry models.")]), editor: "Cy Desk");

        using var person = new DeskClient(api.Host.Server);
        await person.SignInAsync("Edna Editor", Roles.Standards);
        async Task<string> List(string query)
        {
            var response = await person.GetAsync("/desk/stories" + query);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, query);
            return await response.Content.ReadAsStringAsync();
        }

        var searched = await List("?q=ferry");
        searched.ShouldContain("Ferry strike called off");
        searched.ShouldContain("Museum opens new wing");
        (await List("?q=ferry&status=published")).ShouldNotContain("Museum opens new wing");
        var byEditor = await List("?q=ferry&editor=Cy+Desk");
        byEditor.ShouldContain("Museum opens new wing");
        byEditor.ShouldNotContain("Ferry strike called off");
        (await List("?status=published&editor=Bo+Desk")).ShouldContain("Ferry strike called off");
        (await List("?since=2999-01-01")).ShouldContain("No stories match.");
        (await List("?q=ferry&flagged=true")).ShouldContain("No stories match.");
        (await List("?since=2000-01-01&editor=Cy+Desk")).ShouldContain("Museum opens new wing");
        (await List("?q=ferry&since=2000-01-01")).ShouldContain("2 stories.");
        (await List("")).ShouldNotContain("New story");
    }

    [Fact]
    public async Task a_bad_filter_is_said_in_words_on_the_page()
    {
        using var person = new DeskClient(api.Host.Server);
        await person.SignInAsync("Edna Editor", Roles.Editor);
        var response = await person.GetAsync("/desk/stories?status=archived&since=yesterday&page=0");
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var page = await response.Content.ReadAsStringAsync();
        page.ShouldContain("Status is draft or published.");
        page.ShouldContain("Changed since is a date: 2026-05-16.");
        page.ShouldContain("Pages are numbered from 1.");
    }
}
