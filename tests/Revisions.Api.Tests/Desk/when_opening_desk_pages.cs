using System.Net;
using Revisions.Api.Http;
using Revisions.Api.Tests.Infrastructure;
using Revisions.Domain.Stories;

namespace Revisions.Api.Tests.Desk;

public class when_opening_desk_pages(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task every_page_of_a_story_opens_for_an_editor()
    {
        var newsroom = api.Newsroom;
        var story = (await newsroom.Create(new StoryContent("Desk pages open", null, null, null, [Block.Paragraph("One."), Block.Paragraph("Two.")]))).Body;
        await newsroom.Revise(story.Slug, new StoryContent("Desk pages open", null, null, null, [Block.Paragraph("Two."), Block.Paragraph("One, changed.")]), story.Version);
        using var person = new DeskClient(api.Host.Server);
        await person.SignInAsync("Edna Editor", Roles.Editor);
        foreach (var path in new[] { "/desk/stories", "/desk/stories?q=desk", $"/desk/stories/{story.Slug}", $"/desk/stories/{story.Slug}/compare?from=1&to=2&view=side-by-side&ignore=case",
                     $"/desk/stories/{story.Slug}/edit", $"/desk/stories/{story.Slug}/versions/1", "/desk/stories/new" })
        {
            var response = await person.GetAsync(path);
            var body = await response.Content.ReadAsStringAsync();
            response.StatusCode.ShouldBe(HttpStatusCode.OK, $"{path}: {body[..Math.Min(body.Length, 2000)]}");
        }
    }

    [Fact]
    public async Task a_redaction_hides_the_size_of_what_it_withholds_from_an_editor_but_not_from_legal()
    {
        var newsroom = api.Newsroom;
        var story = (await newsroom.Create(new StoryContent("Sizes and secrets", null, null, null, [Block.Paragraph("Open."), Block.Paragraph("A withheld paragraph of some length.")]))).Body;
        await newsroom.Revise(story.Slug, new StoryContent("Sizes and secrets", null, null, null, [Block.Paragraph("Open, longer now."), Block.Paragraph("A withheld paragraph of some length.")]), story.Version);
        const string sized = "class=\"size-up\"";
        using (var editor = new DeskClient(api.Host.Server))
        {
            await editor.SignInAsync("Edna Editor", Roles.Editor);
            (await (await editor.GetAsync($"/desk/stories/{story.Slug}")).Content.ReadAsStringAsync()).ShouldContain(sized, Case.Sensitive, "no redaction yet");
        }
        (await newsroom.Send<object>(HttpMethod.Post, $"/api/stories/{story.Slug}/redactions", "Lee Legal", new { contentVersion = 1, block = 1, reason = "Court order 7" }))
            .Status.ShouldBe(HttpStatusCode.Created);
        using (var editor = new DeskClient(api.Host.Server))
        {
            await editor.SignInAsync("Edna Editor", Roles.Editor);
            (await (await editor.GetAsync($"/desk/stories/{story.Slug}")).Content.ReadAsStringAsync()).ShouldNotContain(sized, Case.Sensitive);
        }
        using var lawyer = new DeskClient(api.Host.Server);
        await lawyer.SignInAsync("Lee Legal", Roles.Legal);
        (await (await lawyer.GetAsync($"/desk/stories/{story.Slug}")).Content.ReadAsStringAsync()).ShouldContain(sized, Case.Sensitive);
    }
}
