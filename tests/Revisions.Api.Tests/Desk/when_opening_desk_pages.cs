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
}
