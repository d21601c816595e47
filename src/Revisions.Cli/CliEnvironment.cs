using Spectre.Console;

namespace Revisions.Cli;

/// <summary>
/// Everything the commands touch outside themselves: output streams, the console for tables and progress,
/// the HTTP client and environment variables. Tests pass their own (an in-memory API's client, string writers).
/// </summary>
public sealed record CliEnvironment(
    TextWriter Out,
    TextWriter Error,
    IAnsiConsole Console,
    Func<HttpClient> CreateHttpClient,
    Func<string, string?> Variable,
    bool Colour)
{
    public static CliEnvironment FromProcess()
    {
        // Colour only for a person at a terminal: piped output stays plain text a script can read.
        var colour = !System.Console.IsOutputRedirected && Environment.GetEnvironmentVariable("NO_COLOR") is null;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = colour ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = colour ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = colour ? InteractionSupport.Detect : InteractionSupport.No,
            Out = new AnsiConsoleOutput(System.Console.Out)
        });
        return new CliEnvironment(System.Console.Out, System.Console.Error, console,
            () => new HttpClient { Timeout = TimeSpan.FromMinutes(10) }, Environment.GetEnvironmentVariable, colour);
    }

    /// <summary>Progress bars only make sense when someone watches them redraw.</summary>
    public bool ShowsProgress => Colour && Console.Profile.Capabilities.Interactive;
}
