using Revisions.Api.Tests.Infrastructure;

namespace Revisions.Cli.Tests;

public class when_reading_history_from_the_command_line(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task every_page_of_a_long_history_is_printed_with_what_each_note_says()
    {
        var newsroom = api.Newsroom;
        var story = (await newsroom.Create(SeedStory.Version(1), slug: "paged-history")).Body;
        var revised = (await newsroom.Revise(story.Slug, SeedStory.Version(2), story.Version)).Body;
        var published = (await newsroom.Publish(story.Slug, revised.Version)).Body;
        await newsroom.Send<object>(HttpMethod.Post, $"/api/stories/{story.Slug}/notes", "Sam Standards",
            new { kind = "correction", text = "An earlier version misspelt Keir Starmer.", version = revised.Version });
        await newsroom.Revise(story.Slug, SeedStory.Version(1), published.Version + 1);

        // Pages of two versions instead of a thousand, so five versions take three pages.
        var revisions = new CommandLine(api, () => new HttpClient(new SmallPages { InnerHandler = api.Host.Server.CreateHandler() })
        {
            BaseAddress = api.Host.Server.BaseAddress
        });
        var history = await revisions.Run("history", story.Slug);

        history.ExitCode.ShouldBe(0, history.Error);
        foreach (var kind in new[] { "created", "revised", "published", "noted" }) history.Out.ShouldContain(kind);
        history.Out.ShouldContain($"correction about version {revised.Version}: An earlier version misspelt Keir Starmer.");
        var rows = history.Out.Split('\n').Where(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\W*\d+\s")).ToList();
        rows.Count.ShouldBe(5);
    }

    /// <summary>Asks the API for two versions a page where the command asks for a thousand.</summary>
    private sealed class SmallPages : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.RequestUri = new Uri(request.RequestUri!.ToString().Replace("pageSize=1000", "pageSize=2"));
            return base.SendAsync(request, cancellationToken);
        }
    }
}
