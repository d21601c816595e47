using Revisions.Api.Tests.Infrastructure;

namespace Revisions.Cli.Tests;

/// <summary>401 and 403 are exit code 7, with the role the command needs and how to pass a token.</summary>
public class when_a_token_is_missing_or_not_enough(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task without_a_token_it_says_which_role_and_how_to_pass_one()
    {
        var run = await new CommandLine(api) { Token = null }.Run("history", "any-story");

        run.ExitCode.ShouldBe(7);
        run.Error.ShouldContain("401");
        run.Error.ShouldContain("--token");
        run.Error.ShouldContain("$REVISIONS_TOKEN");
        run.Error.ShouldContain("Sign in to do this");
        run.Error.ShouldContain("editor, standards, legal, admin");
    }

    [Fact]
    public async Task with_a_token_that_lacks_the_role_it_names_the_role()
    {
        var standards = new CommandLine(api) { Token = TestTokens.For("Sam Standards", "standards") };

        var run = await standards.Run("rebuild", "--api", "http://localhost");

        run.ExitCode.ShouldBe(7);
        run.Error.ShouldContain("403");
        run.Error.ShouldContain("This needs the role admin");
        run.Error.ShouldContain("Pass a token with the role admin with --token");
    }

    [Fact]
    public async Task a_token_the_api_does_not_trust_is_refused_as_such()
    {
        var run = await new CommandLine(api) { Token = "not-a-token" }.Run("history", "any-story");

        run.ExitCode.ShouldBe(7);
        run.Error.ShouldContain("The token was not accepted");
    }
}
