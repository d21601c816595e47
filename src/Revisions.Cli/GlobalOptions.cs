using System.CommandLine;

namespace Revisions.Cli;

/// <summary>Options every command takes: where the API is and who is making changes (the token).</summary>
public sealed class GlobalOptions(CliEnvironment environment)
{
    public const string DefaultApi = "http://localhost:5000";

    public Option<string> Api { get; } = new("--api")
    {
        Description = "The Revisions API's address; $REVISIONS_API sets the default.",
        HelpName = "url",
        Recursive = true,
        DefaultValueFactory = _ => environment.Variable("REVISIONS_API") is { Length: > 0 } api ? api : DefaultApi
    };

    public Option<string?> Token { get; } = new("--token")
    {
        Description = "A bearer token for the API (the editor is the token's name); $REVISIONS_TOKEN by default. In Development: POST /dev/token.",
        HelpName = "token",
        Recursive = true,
        DefaultValueFactory = _ => environment.Variable("REVISIONS_TOKEN") is { Length: > 0 } token ? token : null
    };

    public ApiClient? Client(ParseResult result, out int exitCode)
    {
        var address = result.GetValue(Api)!;
        exitCode = ExitCodes.Ok;
        if (Uri.TryCreate(address.EndsWith('/') ? address : address + "/", UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            return new ApiClient(environment, uri, result.GetValue(Token));
        environment.Error.WriteLine($"--api must be an http(s) address such as {DefaultApi}; got '{address}'.");
        exitCode = ExitCodes.Usage;
        return null;
    }
}
