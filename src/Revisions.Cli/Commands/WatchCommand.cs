using System.CommandLine;
using System.Globalization;
using System.Net.Http.Json;
using Revisions.Api.Watch;
using Spectre.Console;

namespace Revisions.Cli.Commands;

/// <summary>
/// revisions watch: feeds and pages published elsewhere that Revisions keeps every version of (docs/watch.md).
/// <c>add</c>, <c>list</c>, <c>show</c>, <c>pause</c>, <c>resume</c>, <c>poll</c> and <c>remove</c>, each one call of the API.
/// </summary>
public static class WatchCommand
{
    public static Command Create(GlobalOptions global, CliEnvironment environment)
    {
        var command = new Command("watch", "Watch feeds and pages published elsewhere: add, list, show, pause, resume, poll, remove.");

        var url = new Argument<string>("url") { Description = "The feed's or page's http(s) address." };
        var feed = new Option<bool>("--feed") { Description = "The address is an RSS, Atom or JSON Feed: watch every article it lists." };
        var every = new Option<double?>("--every") { Description = "Minutes between polls (default: the API's, 15).", HelpName = "minutes" };
        var add = new Command("add", "Start watching a page, or with --feed every article a feed lists.") { url, feed, every };
        add.SetAction((result, cancellation) => SendAsync(global, environment, result, HttpMethod.Post, "api/watch/sources",
            JsonContent.Create(new AddSource(result.GetValue(url), result.GetValue(feed) ? "feed" : "page", result.GetValue(every)), options: ApiClient.Json),
            answer => Print(environment, [answer.Read<SourceView>()]), cancellation));
        command.Subcommands.Add(add);

        var list = new Command("list", "Every watched source: its last and next poll, its last error and how many articles it follows.");
        list.SetAction((result, cancellation) => SendAsync(global, environment, result, HttpMethod.Get, "api/watch/sources", null,
            answer => Print(environment, answer.Read<List<SourceView>>()), cancellation));
        command.Subcommands.Add(list);

        var show = new Command("show", "One source and each page it follows, with its story.") { Id() };
        show.SetAction((result, cancellation) => SendAsync(global, environment, result, HttpMethod.Get, $"api/watch/sources/{result.GetValue<Guid>("id")}", null,
            answer => PrintDetail(environment, answer.Read<SourceDetail>()), cancellation));
        command.Subcommands.Add(show);

        foreach (var (name, description) in new[]
                 {
                     ("pause", "Stop polling a source until it is resumed."), ("resume", "Poll a paused source again."),
                     ("poll", "Poll a source and its pages now (still one request per site at a time).")
                 })
        {
            var verb = new Command(name, description) { Id() };
            verb.SetAction((result, cancellation) => SendAsync(global, environment, result, HttpMethod.Post,
                $"api/watch/sources/{result.GetValue<Guid>("id")}/{name}", null, answer => Print(environment, [answer.Read<SourceView>()]), cancellation));
            command.Subcommands.Add(verb);
        }

        var remove = new Command("remove", "Stop watching a source for good; the stories of its pages stay.") { Id() };
        remove.SetAction((result, cancellation) => SendAsync(global, environment, result, HttpMethod.Delete, $"api/watch/sources/{result.GetValue<Guid>("id")}", null,
            _ => environment.Out.WriteLine($"Stopped watching {result.GetValue<Guid>("id")}; the stories of its pages are kept."), cancellation));
        command.Subcommands.Add(remove);
        return command;
    }

    private static Argument<Guid> Id() => new("id") { Description = "The source's id (revisions watch list shows it)." };

    private static async Task<int> SendAsync(GlobalOptions global, CliEnvironment environment, ParseResult result, HttpMethod method, string path,
        HttpContent? body, Action<ApiAnswer> print, CancellationToken cancellation)
    {
        var client = global.Client(result, out var exitCode);
        if (client is null) return exitCode;
        var answer = await client.SendAsync(method, path, body, cancellation);
        if (!answer.Succeeded) return answer.ExitCode;
        print(answer);
        return ExitCodes.Ok;
    }

    // Every cell is plain text: an address or error holding "[red]" must print as written, not as markup.
    private static void Print(CliEnvironment environment, IReadOnlyList<SourceView> sources)
    {
        var table = new Table().AddColumns("Id", "Kind", "Status", "Every (min)", "Last poll (UTC)", "Next poll (UTC)", "Articles", "Last error", "URL");
        foreach (var s in sources)
            table.AddRow(Cells(s.Id.ToString(), s.Kind, s.Status, s.IntervalMinutes.ToString("0.##", CultureInfo.InvariantCulture), Time(s.LastPolledAt),
                Time(s.NextPollAt), s.Articles.ToString(CultureInfo.InvariantCulture), s.LastError ?? "", s.Url));
        environment.Console.Write(table);
    }

    private static void PrintDetail(CliEnvironment environment, SourceDetail detail)
    {
        Print(environment, [detail.Source]);
        var table = new Table().AddColumns("Page", "Story", "Last poll (UTC)", "Last change (UTC)", "Last error");
        foreach (var p in detail.Pages)
            table.AddRow(Cells(p.Url, p.StoryId?.ToString() ?? "", Time(p.LastPolledAt), Time(p.LastChangedAt), p.LastError ?? ""));
        environment.Console.Write(table);
    }

    private static Text[] Cells(params string[] values) => values.Select(v => new Text(v)).ToArray();

    private static string Time(DateTimeOffset? at) => at?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "";
}
