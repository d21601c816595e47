using System.CommandLine;
using System.Text.RegularExpressions;
using Revisions.Api.Diffs;
using Spectre.Console;

namespace Revisions.Cli.Commands;

/// <summary>revisions diff: what changed between two versions, in colour at a terminal, plain in a pipe.</summary>
public static partial class DiffCommand
{
    public static Command Create(GlobalOptions global, CliEnvironment environment)
    {
        var story = new Argument<string>("story") { Description = "The story's id or slug." };
        var from = new Option<string>("--from") { Description = "The older version: a number, 'published', 'latest' or an ISO-8601 instant (default: the one before --to).", HelpName = "version" };
        var to = new Option<string>("--to") { Description = "The newer version (default: latest).", HelpName = "version" };
        var format = new Option<string>("--format") { Description = "text, html or json.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong(DiffOutput.Formats);
        var ignore = new Option<string[]>("--ignore")
        {
            Description = "Leave out of the comparison: whitespace, punctuation, case (repeat or comma-separate).",
            AllowMultipleArgumentsPerToken = true
        };

        var command = new Command("diff", "Show what changed between two versions of a story.") { story, from, to, format, ignore };
        command.SetAction(async (result, cancellation) =>
        {
            var client = global.Client(result, out var exitCode);
            if (client is null) return exitCode;
            var query = new List<string> { $"format={result.GetValue(format)}" };
            if (result.GetValue(from) is { } f) query.Add($"from={Uri.EscapeDataString(f)}");
            if (result.GetValue(to) is { } t) query.Add($"to={Uri.EscapeDataString(t)}");
            if (result.GetValue(ignore) is { Length: > 0 } i) query.Add($"ignore={Uri.EscapeDataString(string.Join(',', i))}");

            var answer = await client.GetAsync($"api/stories/{Uri.EscapeDataString(result.GetValue(story)!)}/diff?{string.Join('&', query)}", cancellation);
            if (!answer.Succeeded) return answer.ExitCode;
            if (environment.Colour && result.GetValue(format) == "text")
                foreach (var line in answer.Body.TrimEnd('\n').Split('\n')) environment.Console.MarkupLine(Colour(line));
            else
                environment.Out.Write(answer.Body.EndsWith('\n') ? answer.Body : answer.Body + "\n");
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>A text diff line in colour: whole lines by their marker, and wdiff-style [-old-]{+new+} words inside.</summary>
    public static string Colour(string line)
    {
        var style = line.Length == 0 ? null : line[0] switch { '+' => "green", '-' => "red", '~' => "yellow", '>' => "blue", _ => null };
        var escaped = Markup.Escape(line);
        escaped = Deleted().Replace(escaped, m => $"[red strikethrough]{m.Value}[/]");
        escaped = Inserted().Replace(escaped, m => $"[green underline]{m.Value}[/]");
        return style is null ? escaped : $"[{style}]{escaped}[/]";
    }

    // Markup.Escape doubles '[' and ']', so the markers are matched in their escaped form.
    [GeneratedRegex(@"\[\[-.*?-\]\]")]
    private static partial Regex Deleted();

    [GeneratedRegex(@"\{\+.*?\+\}")]
    private static partial Regex Inserted();
}
