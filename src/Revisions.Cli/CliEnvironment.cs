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
        var console = CreateConsole(System.Console.Out, colour, redirected: System.Console.IsOutputRedirected);
        return new CliEnvironment(System.Console.Out, System.Console.Error, console,
            () => new HttpClient { Timeout = TimeSpan.FromMinutes(10) }, Environment.GetEnvironmentVariable, colour);
    }

    /// <summary>
    /// The console tables are drawn on. A terminal's width is its own; output to a file or a pipe has no width,
    /// and Spectre would assume 80 columns and wrap cells (a date over two lines) that a script reads line by
    /// line: there a row is as wide as its cells.
    /// </summary>
    public static IAnsiConsole CreateConsole(TextWriter output, bool colour, bool redirected)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = colour ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = colour ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = colour ? InteractionSupport.Detect : InteractionSupport.No,
            Out = new AnsiConsoleOutput(output)
        });
        if (redirected) console.Profile.Width = UnboundedWidth;
        return console;
    }

    private const int UnboundedWidth = 32_767;

    /// <summary>Progress bars only make sense when someone watches them redraw.</summary>
    public bool ShowsProgress => Colour && Console.Profile.Capabilities.Interactive;
}
