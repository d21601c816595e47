using Spectre.Console;

namespace Revisions.Cli;

/// <summary>A progress bar or spinner for a person at a terminal; nothing at all when the output goes to a file or a pipe.</summary>
public static class Progress
{
    // Small jobs finish before a bar would be worth drawing.
    private const int Threshold = 20;

    public static T Run<T>(CliEnvironment environment, string title, int total, Func<Action, T> work)
    {
        if (!environment.ShowsProgress || total < Threshold) return work(() => { });
        return environment.Console.Progress().Start(context =>
        {
            var task = context.AddTask(title, maxValue: total);
            return work(() => task.Increment(1));
        });
    }

    /// <summary>
    /// A spinner for work that cannot say how far along it is (a rebuild is one pass over every event): a bar
    /// would stand still at its first step for the whole run.
    /// </summary>
    public static async Task<T> SpinAsync<T>(CliEnvironment environment, string title, Func<Task<T>> work)
    {
        if (!environment.ShowsProgress) return await work();
        return await environment.Console.Status().Spinner(Spinner.Known.Dots).StartAsync(Markup.Escape(title), _ => work());
    }

    public static async Task<T> RunAsync<T>(CliEnvironment environment, string title, int total, Func<Action, Task<T>> work)
    {
        if (!environment.ShowsProgress || total < 2) return await work(() => { });
        return await environment.Console.Progress().StartAsync(async context =>
        {
            var task = context.AddTask(title, maxValue: total);
            return await work(() => task.Increment(1));
        });
    }
}
