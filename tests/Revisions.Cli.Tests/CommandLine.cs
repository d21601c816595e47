using Revisions.Api.Tests.Infrastructure;
using Revisions.Cli;

namespace Revisions.Cli.Tests;

/// <summary>What one run of the revisions command printed and how it exited.</summary>
public sealed record Run(int ExitCode, string Out, string Error);

/// <summary>
/// Runs the revisions command in process against the in-memory API, as a user would type it with its output
/// going to a file or a pipe.
/// </summary>
public sealed class CommandLine(ApiFixture api, Func<HttpClient>? client = null)
{
    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "fixtures", name);

    /// <summary>$REVISIONS_TOKEN: a token with every newsroom role unless a test says otherwise (null: none set).</summary>
    public string? Token { get; init; } = TestTokens.For("Cli Tester", TestTokens.AllRoles);

    public async Task<Run> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var console = CliEnvironment.CreateConsole(output, colour: false, redirected: true);
        var variables = new Dictionary<string, string>();
        if (Token is not null) variables["REVISIONS_TOKEN"] = Token;
        var environment = new CliEnvironment(output, error, console,
            client ?? (() => api.Host.Server.CreateClient()), name => variables.GetValueOrDefault(name), Colour: false);
        var exit = await Cli.RunAsync(args, environment);
        return new Run(exit, output.ToString(), error.ToString());
    }
}
