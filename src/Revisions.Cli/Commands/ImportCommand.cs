using System.CommandLine;
using System.Net.Http.Json;
using Revisions.Api.Import;
using Revisions.Import;
using Spectre.Console;

namespace Revisions.Cli.Commands;

/// <summary>
/// revisions import: parses capture files locally (so a bad file is named, with its line, before anything is
/// sent), then sends the snapshots to POST /api/import in batches the API accepts.
/// </summary>
public static class ImportCommand
{
    public static Command Create(GlobalOptions global, CliEnvironment environment)
    {
        var files = new Argument<string[]>("files")
        {
            Description = "Capture files (page renders, CMS exports, JSON) or folders of them, oldest first unless dated.",
            Arity = ArgumentArity.OneOrMore
        };
        var story = new Option<string>("--story") { Description = "The story to continue (id or slug); without it a new story is started, or the one these captures were imported into before.", HelpName = "id-or-slug" };
        var slug = new Option<string>("--slug") { Description = "The slug for a new story (default: from its first headline)." };
        var note = new Option<string>("--note") { Description = "A note recorded with every imported version." };

        var command = new Command("import", "Import archived captures of one story as its versions.") { files, story, slug, note };
        command.SetAction((result, cancellation) =>
        {
            var client = global.Client(result, out var exitCode);
            if (client is null) return Task.FromResult(exitCode);
            var request = new ImportRequest(result.GetValue(files)!, result.GetValue(story), result.GetValue(slug), result.GetValue(note));
            return RunAsync(request, client, environment, cancellation);
        });
        return command;
    }

    public sealed record ImportRequest(string[] Paths, string? Story, string? Slug, string? Note);

    private static async Task<int> RunAsync(ImportRequest request, ApiClient client, CliEnvironment environment, CancellationToken cancellation)
    {
        var sources = request.Paths.SelectMany(p => Directory.Exists(p) ? SnapshotSource.FromFolder(p) : [SnapshotSource.FromFile(p)]).ToList();
        if (sources.Count == 0)
        {
            environment.Error.WriteLine("The folders given hold no .txt, .json, .ndjson or .jsonl files; nothing to import.");
            return ExitCodes.InvalidInput;
        }

        var parsed = Progress.Run(environment, "Reading captures", sources.Count, tick =>
            SnapshotParser.ParseBatch(sources.Select(s => s with { Open = () => { tick(); return s.Open(); } })));
        if (!parsed.Succeeded)
        {
            environment.Error.WriteLine($"Nothing was imported: {parsed.Errors.Count} problem(s) in the captures.");
            foreach (var error in parsed.Errors) environment.Error.WriteLine($"  {error}");
            return ExitCodes.InvalidInput;
        }

        var batches = ImportBatches.Split(parsed.Snapshots);
        var source = SourceName(sources);
        var story = request.Story;
        var slug = request.Slug;
        ImportReport? last = null;
        int imported = 0, skipped = 0;
        var exitCode = await Progress.RunAsync(environment, "Importing", batches.Count, async tick =>
        {
            foreach (var batch in batches)
            {
                var body = new { story, slug, note = request.Note, source, snapshots = batch.Select(ImportBatches.Envelope) };
                var answer = await client.SendAsync(HttpMethod.Post, "api/import", JsonContent.Create(body, options: ApiClient.Json), cancellation);
                if (!answer.Succeeded) return answer.ExitCode;
                last = answer.Read<ImportReport>();
                // Later batches continue the story the first one started or found.
                story = last.StoryId.ToString();
                slug = null;
                imported += last.Imported;
                skipped += last.Skipped;
                tick();
            }
            return ExitCodes.Ok;
        });
        if (exitCode != ExitCodes.Ok)
        {
            if (last is not null)
                environment.Error.WriteLine($"{imported} version(s) were imported into '{last.Slug}' before the failure; importing again continues from there.");
            return exitCode;
        }

        environment.Out.WriteLine($"{imported} new version(s) imported into '{last!.Slug}' ({last.StoryId}); {skipped} capture(s) were already there. The story is at version {last.Version}.");
        return ExitCodes.Ok;
    }

    private static string SourceName(IReadOnlyList<SnapshotSource> sources)
    {
        var first = Path.GetFileName(sources[0].Name);
        var name = sources.Count == 1 ? first : $"{first} and {sources.Count - 1} more file(s)";
        return name.Length <= ImportUploads.MaxNameLength ? name : name[..ImportUploads.MaxNameLength];
    }
}
