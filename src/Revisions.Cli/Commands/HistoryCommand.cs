using System.CommandLine;
using System.Globalization;
using Revisions.Api.Stories;
using Spectre.Console;

namespace Revisions.Cli.Commands;

/// <summary>revisions history: a story's versions as a table, oldest first.</summary>
public static class HistoryCommand
{
    public static Command Create(GlobalOptions global, CliEnvironment environment)
    {
        var story = new Argument<string>("story") { Description = "The story's id or slug." };
        var command = new Command("history", "List a story's versions: when, who, what kind of change, which fields.") { story };
        command.SetAction(async (result, cancellation) =>
        {
            var client = global.Client(result, out var exitCode);
            if (client is null) return exitCode;
            var id = result.GetValue(story)!;
            var answer = await client.GetAsync($"api/stories/{Uri.EscapeDataString(id)}/versions", cancellation);
            if (!answer.Succeeded) return answer.ExitCode;

            var table = new Table().Title(Markup.Escape(id))
                .AddColumns("Version", "Saved (UTC)", "Captured (UTC)", "Kind", "Editor", "Changed", "Note");
            foreach (var v in answer.Read<List<VersionSummary>>())
            {
                table.AddRow(
                    v.Version.ToString(CultureInfo.InvariantCulture), Time(v.At), v.CapturedAt is { } c ? Time(c) : "",
                    v.Kind, v.Editor, string.Join(", ", v.ChangedFields), v.Note ?? "");
            }
            environment.Console.Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }

    // Every cell is plain text: a headline or note holding "[red]" must print as written, not as markup.
    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
