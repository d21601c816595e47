using System.CommandLine;
using Revisions.Cli.Commands;

namespace Revisions.Cli;

/// <summary>The revisions command: its global options and the list of subcommands.</summary>
public static class Cli
{
    /// <summary>Every subcommand, in the order help lists them. A new command is one more entry here.</summary>
    private static readonly Func<GlobalOptions, CliEnvironment, Command>[] Commands =
    [
        ImportCommand.Create,
        HistoryCommand.Create,
        DiffCommand.Create,
        RebuildCommand.Create,
        VerifyCommand.Create,
        WatchCommand.Create,
    ];

    public static RootCommand Build(CliEnvironment environment)
    {
        var global = new GlobalOptions(environment);
        var root = new RootCommand(
            $"""
            Revisions: the history of news stories. Import archived captures, show a story's versions and what
            changed between them, rebuild the read models, verify evidence bundles and the store's integrity, watch pages published elsewhere.

            {ExitCodes.Help}
            """);
        root.Options.Add(global.Api);
        root.Options.Add(global.Token);
        foreach (var create in Commands) root.Subcommands.Add(create(global, environment));
        return root;
    }

    public static Task<int> RunAsync(string[] args, CliEnvironment environment, CancellationToken cancellation = default) =>
        Build(environment).Parse(args).InvokeAsync(
            new InvocationConfiguration { Output = environment.Out, Error = environment.Error },
            cancellation);
}
