using Revisions.Api.Tests.Infrastructure;
using Revisions.Cli.Commands;
using Spectre.Console;

namespace Revisions.Cli.Tests;

public class when_using_the_command_line_for_upkeep(ApiFixture api) : IClassFixture<ApiFixture>
{
    private readonly CommandLine revisions = new(api);

    [Fact]
    public async Task help_lists_every_command_and_the_exit_codes()
    {
        var run = await revisions.Run("--help");

        run.ExitCode.ShouldBe(0);
        foreach (var command in new[] { "import", "history", "diff", "rebuild", "--api", "--token" })
            run.Out.ShouldContain(command);
        run.Out.ShouldContain("Exit codes: 0 ok, 1 usage error, 2 input invalid");
    }

    [Theory]
    [InlineData("- [15] This is a developing story.", "[red]")]
    [InlineData("+ [15] A devastating fire [at] Bicester.", "[green]")]
    [InlineData("~ [12] UK prime minister [-Kier-]{+Keir+} Starmer", "[yellow]")]
    public void a_terminal_shows_removals_in_red_and_additions_in_green(string line, string style)
    {
        var markup = DiffCommand.Colour(line);

        markup.ShouldStartWith(style);
        new Markup(markup).ShouldNotBeNull();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Ansi = AnsiSupport.No, Out = new AnsiConsoleOutput(new StringWriter()) });
        console.Profile.Width = 200;
        Should.NotThrow(() => console.Markup(markup), "text in square brackets is printed, never read as markup");
    }

    [Fact]
    public async Task rebuilding_against_the_database_keeps_every_version_readable()
    {
        var story = (await api.Newsroom.Create(SeedStory.Version(1), slug: "rebuilt-story")).Body;
        await api.Newsroom.Revise("rebuilt-story", SeedStory.Version(2), 1);

        var run = await revisions.Run("rebuild", "--connection", api.ConnectionString);

        run.ExitCode.ShouldBe(0, run.Error);
        foreach (var model in Api.ReadModels.Catalogue.Rebuilt)
            run.Out.ShouldContain(model.Name);
        (await api.Newsroom.Versions("rebuilt-story")).Body.Select(v => v.Version).ShouldBe([1, 2]);
        (await api.Newsroom.Get(story.Id.ToString())).Body.ShortHeadline.ShouldBe(SeedStory.Version(2).ShortHeadline);
    }

    [Fact]
    public async Task rebuilding_through_the_api_or_without_a_target()
    {
        var viaApi = await revisions.Run("rebuild", "--api", "http://localhost");
        viaApi.ExitCode.ShouldBe(0, viaApi.Error);
        viaApi.Out.ShouldContain("Rebuilt");

        var nowhere = await revisions.Run("rebuild");
        nowhere.ExitCode.ShouldBe(1);
        nowhere.Error.ShouldContain("--connection");

        var wrong = await revisions.Run("rebuild", "--connection", "Host=127.0.0.1;Port=9;Database=none;Timeout=2");
        wrong.ExitCode.ShouldBe(5);
    }
}
