using Revisions.Api.Tests.Infrastructure;
using Revisions.Cli;
using Spectre.Console;

namespace Revisions.Cli.Tests;

/// <summary>What one run of the revisions command printed and how it exited.</summary>
public sealed record Run(int ExitCode, string Out, string Error);

/// <summary>Runs the revisions command in process against the in-memory API, as a user would type it.</summary>
public sealed class CommandLine(ApiFixture api, Func<HttpClient>? client = null)
{
    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "fixtures", name);

    public async Task<Run> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output)
        });
        console.Profile.Width = 240;
        var variables = new Dictionary<string, string>
        {
            ["REVISIONS_TOKEN"] = TestTokens.For("Cli Tester", TestTokens.AllRoles)
        };
        var environment = new CliEnvironment(output, error, console,
            client ?? (() => api.Host.Server.CreateClient()), name => variables.GetValueOrDefault(name), Colour: false);
        var exit = await Cli.RunAsync(args, environment);
        return new Run(exit, output.ToString(), error.ToString());
    }
}
