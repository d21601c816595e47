using System.CommandLine;
using System.Globalization;
using Revisions.Api.Stories;
using Revisions.Domain.Corrections;
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
            var table = new Table().Title(Markup.Escape(id))
                .AddColumns("Version", "Saved (UTC)", "Captured (UTC)", "Kind", "Editor", "Changed", "Note");
            // The API answers a long history a page at a time; each page names the next in its Link header.
            var answer = await client.GetAsync($"api/stories/{Uri.EscapeDataString(id)}/versions?pageSize={PageSize}", cancellation);
            while (true)
            {
                if (!answer.Succeeded) return answer.ExitCode;
                foreach (var v in answer.Read<List<VersionSummary>>())
                {
                    table.AddRow(
                        v.Version.ToString(CultureInfo.InvariantCulture), Time(v.At), v.CapturedAt is { } c ? Time(c) : "",
                        v.Kind, v.Editor, string.Join(", ", v.ChangedFields), Note(v));
                }
                if (answer.Next is null) break;
                answer = await client.GetAsync(answer.Next.ToString(), cancellation);
            }
            environment.Console.Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The most the API gives per page: a long history in few requests.</summary>
    private const int PageSize = 1_000;

    /// <summary>A typed note shows its kind, its text and the version it is about; any other version its remark.</summary>
    private static string Note(VersionSummary v) =>
        v.NoteKind is { } kind
            ? $"{kind.Name()} about version {v.AboutVersion?.ToString(CultureInfo.InvariantCulture)}: {v.NoteText}"
            : v.Note ?? "";

    // Every cell is plain text: a headline or note holding "[red]" must print as written, not as markup.
    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
