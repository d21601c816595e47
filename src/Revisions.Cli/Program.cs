namespace Revisions.Cli;

public static class Program
{
    public static Task<int> Main(string[] args) => Cli.RunAsync(args, CliEnvironment.FromProcess());
}
