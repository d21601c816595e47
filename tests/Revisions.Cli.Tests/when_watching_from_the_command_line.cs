using Revisions.Api.Tests.Infrastructure;

namespace Revisions.Cli.Tests;

public class when_watching_from_the_command_line(ApiFixture api) : IClassFixture<ApiFixture>
{
    private readonly CommandLine revisions = new(api);

    [Fact]
    public async Task a_source_is_added_listed_paused_resumed_and_removed()
    {
        var added = await revisions.Run("watch", "add", "https://news.example/feeds/politics.xml", "--feed", "--every", "30");
        added.ExitCode.ShouldBe(0, added.Error);
        added.Out.ShouldContain("https://news.example/feeds/politics.xml");
        added.Out.ShouldContain("feed");
        var id = added.Out.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).First(w => Guid.TryParse(w, out _));

        (await revisions.Run("watch", "add", "https://news.example/feeds/politics.xml", "--feed")).ExitCode.ShouldBe(ExitCodes.Conflict);
        (await revisions.Run("watch", "add", "ftp://news.example/x")).ExitCode.ShouldBe(ExitCodes.InvalidInput);

        var list = await revisions.Run("watch", "list");
        list.ExitCode.ShouldBe(0);
        list.Out.ShouldContain(id);
        list.Out.ShouldContain("30");

        (await revisions.Run("watch", "pause", id)).Out.ShouldContain("paused");
        (await revisions.Run("watch", "resume", id)).Out.ShouldContain("active");
        (await revisions.Run("watch", "poll", id)).ExitCode.ShouldBe(0);
        (await revisions.Run("watch", "show", id)).Out.ShouldContain("https://news.example/feeds/politics.xml");
        (await revisions.Run("watch", "remove", id)).ExitCode.ShouldBe(0);
        (await revisions.Run("watch", "show", id)).ExitCode.ShouldBe(ExitCodes.NotFound);
        (await new CommandLine(api) { Token = TestTokens.For("Sam Standards", "standards") }.Run("watch", "add", "https://news.example/a"))
            .ExitCode.ShouldBe(ExitCodes.NotAuthorised);
    }
}
