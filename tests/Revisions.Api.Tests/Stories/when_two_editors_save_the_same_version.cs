using System.Net;
using Revisions.Api.Tests.Infrastructure;
using Revisions.Domain.Stories;

namespace Revisions.Api.Tests.Stories;

public class when_two_editors_save_the_same_version(ApiFixture api) : IClassFixture<ApiFixture>
{
    private readonly Newsroom newsroom = api.Newsroom;

    [Fact]
    public async Task the_second_save_gets_409_with_the_current_version_and_nothing_is_lost()
    {
        var id = (await newsroom.Create(SeedStory.Version(1))).Body.Id.ToString();
        var first = await newsroom.Revise(id, SeedStory.Version(2), version: 1, editor: "Ann Editor");
        var second = await newsroom.Revise(id, SeedStory.Version(1) with { Headline = "Talks resume" }, version: 1, editor: "Bo Desk");

        first.Status.ShouldBe(HttpStatusCode.OK);
        second.Status.ShouldBe(HttpStatusCode.Conflict);
        second.Problem!.Extensions["currentVersion"]!.ToString().ShouldBe("2");

        var story = (await newsroom.Get(id)).Body;
        story.Version.ShouldBe(2);
        story.Headline.ShouldBe(SeedStory.Version(2).Headline);
        (await newsroom.Versions(id)).Body.Select(v => v.Editor).ShouldBe(["Ann Editor", "Ann Editor"]);
    }

    [Fact]
    public async Task racing_saves_from_one_version_leave_exactly_one_winner()
    {
        var id = (await newsroom.Create(SeedStory.Version(1))).Body.Id.ToString();
        var saves = Enumerable.Range(1, 8)
            .Select(i => newsroom.Revise(id, SeedStory.Version(1) with { Headline = $"Talks resume, take {i}" }, version: 1, editor: $"Editor {i}"))
            .ToList();
        var answers = await Task.WhenAll(saves);

        answers.Count(a => a.Status == HttpStatusCode.OK).ShouldBe(1);
        answers.Count(a => a.Status == HttpStatusCode.Conflict).ShouldBe(7);
        var winner = answers.Single(a => a.Status == HttpStatusCode.OK).Body;
        // Whether a loser read the story before or after the winner committed, it is told the version that won.
        answers.Where(a => a.Status == HttpStatusCode.Conflict)
            .Select(a => a.Problem!.Extensions["currentVersion"]!.ToString()).ShouldAllBe(v => v == "2");

        var versions = (await newsroom.Versions(id)).Body;
        versions.Select(v => v.Version).ShouldBe([1, 2]);
        versions[1].Editor.ShouldBe(winner.LastEditor);
        (await newsroom.Get(id)).Body.Headline.ShouldBe(winner.Headline);
    }

    [Fact]
    public async Task a_save_that_names_no_version_is_refused_with_428()
    {
        var id = (await newsroom.Create(SeedStory.Version(1))).Body.Id.ToString();
        var answer = await newsroom.Revise(id, SeedStory.Version(2), version: null);
        answer.Status.ShouldBe((HttpStatusCode)428);
        (await newsroom.Events(id)).Body.Count.ShouldBe(1);
    }

    [Fact]
    public async Task expected_version_in_the_body_works_like_if_match()
    {
        var id = (await newsroom.Create(SeedStory.Version(1))).Body.Id.ToString();
        var content = SeedStory.Version(2);
        var answer = await newsroom.Send<Api.Stories.StoryView>(HttpMethod.Put, $"/api/stories/{id}", "Ann Editor", new
        {
            content.Headline, content.ShortHeadline, content.Standfirst, content.Body, expectedVersion = 1
        });
        answer.Status.ShouldBe(HttpStatusCode.OK);
        answer.Body.Version.ShouldBe(2);
        answer.Body.Body.ShouldBe(content.Body);
        answer.Body.Body[5].Type.ShouldBe(BlockType.Subheading);
    }
}
