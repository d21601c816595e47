using System.Text.Json;
using Revisions.Api.Stories;
using Revisions.Api.Tests.Infrastructure;

namespace Revisions.Cli.Tests;

public class when_importing_from_the_command_line(ApiFixture api) : IClassFixture<ApiFixture>, IDisposable
{
    private readonly CommandLine revisions = new(api);
    private readonly string folder = Directory.CreateTempSubdirectory("revisions-cli-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    private async Task<long> StoryCount() => (await api.Newsroom.Get<StoryPage>("/api/stories?pageSize=100")).Body.Total;

    [Fact]
    public async Task the_seed_file_becomes_a_story_whose_history_and_diff_show_the_update()
    {
        var run = await revisions.Run("import", CommandLine.Fixture("seed-istanbul-talks.txt"), "--slug", "istanbul-seed");

        run.ExitCode.ShouldBe(0, run.Error);
        run.Out.ShouldContain("2 new version(s) imported into 'istanbul-seed'");

        var history = await revisions.Run("history", "istanbul-seed");
        history.ExitCode.ShouldBe(0, history.Error);
        history.Out.ShouldContain("created");
        history.Out.ShouldContain("imported");
        history.Out.ShouldContain("Cli Tester");
        history.Out.ShouldContain("shortHeadline, body");
        // Piped to a file, a row stays one line: Spectre's 80 columns used to wrap the dates.
        history.Out.Split('\n').Where(line => line.Contains("Cli Tester"))
            .ShouldAllBe(line => System.Text.RegularExpressions.Regex.IsMatch(line, @"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d"));
        history.Out.Split('\n').Max(line => line.Length).ShouldBeGreaterThan(80);

        var diff = await revisions.Run("diff", "istanbul-seed");
        diff.ExitCode.ShouldBe(0, diff.Error);
        var lines = diff.Out.Split('\n');
        lines.ShouldContain(l => l.StartsWith("- ") && l.Contains("This is a developing story"));
        lines.ShouldContain(l => l.StartsWith("+ ") && l.Contains("A devastating fire at Bicester Motion"));
        diff.Out.ShouldNotContain("\u001b[", customMessage: "piped output stays plain");

        var json = await revisions.Run("diff", "istanbul-seed", "--from", "1", "--to", "2", "--format", "json");
        JsonDocument.Parse(json.Out).RootElement.GetProperty("to").GetProperty("version").GetInt32().ShouldBe(2);
        (await revisions.Run("diff", "istanbul-seed", "--format", "html", "--ignore", "case", "punctuation")).Out.ShouldContain("<ins");
    }

    [Fact]
    public async Task running_the_same_import_again_adds_nothing()
    {
        var captures = Write("2025-05-16T09-00-00Z.txt", "Talks stall in Istanbul\nA standfirst.\nDelegations left early.\n");
        (await revisions.Run("import", captures)).ExitCode.ShouldBe(0);
        var stories = await StoryCount();

        var again = await revisions.Run("import", captures);

        again.ExitCode.ShouldBe(0, again.Error);
        again.Out.ShouldContain("0 new version(s) imported into 'talks-stall-in-istanbul'");
        again.Out.ShouldContain("1 capture(s) were already there");
        (await StoryCount()).ShouldBe(stories);
    }

    [Fact]
    public async Task a_broken_file_is_named_with_its_line_and_nothing_is_sent()
    {
        var good = Write("good.txt", "Fine headline\nA standfirst.\nA paragraph.\n");
        var broken = Write("broken.txt", "A headline\nA standfirst\n\0binary\n");
        var stories = await StoryCount();

        var run = await revisions.Run("import", good, broken);

        run.ExitCode.ShouldBe(2);
        run.Error.ShouldContain($"{broken}, line 3:");
        (await StoryCount()).ShouldBe(stories);
    }

    [Fact]
    public async Task a_long_archive_is_sent_in_batches_that_all_land_in_one_story()
    {
        var start = new DateTimeOffset(2025, 5, 16, 9, 0, 0, TimeSpan.Zero);
        var lines = Enumerable.Range(1, 1_050).Select(i => JsonSerializer.Serialize(new
        {
            capturedAt = start.AddMinutes(i),
            headline = "Live: talks in Istanbul",
            body = new[] { $"Update number {i}." }
        }));
        var archive = Write("live.jsonl", string.Join('\n', lines));

        var run = await revisions.Run("import", archive, "--note", "Live blog archive");

        run.ExitCode.ShouldBe(0, run.Error);
        run.Out.ShouldContain("1050 new version(s) imported into 'live-talks-in-istanbul'");
        run.Out.ShouldContain("at version 1050");
        var versions = (await api.Newsroom.Versions("live-talks-in-istanbul")).Body;
        versions.Count.ShouldBe(1_050);
        versions[^1].CapturedAt.ShouldBe(start.AddMinutes(1_050));
    }

    [Fact]
    public async Task refusals_have_exit_codes_a_script_can_rely_on()
    {
        var captures = Write("capture.txt", "Exit codes headline\nA standfirst.\nA paragraph.\n");
        (await revisions.Run("import", captures, "--story", "no-such-story")).ExitCode.ShouldBe(3);
        (await revisions.Run("history", "no-such-story")).ExitCode.ShouldBe(3);
        (await revisions.Run("import", Path.Combine(folder, "missing.txt"))).ExitCode.ShouldBe(2);

        await api.Newsroom.Create(SeedStory.Version(1), slug: "taken-slug");
        var taken = await revisions.Run("import", captures, "--slug", "taken-slug");
        taken.ExitCode.ShouldBe(4);
        taken.Error.ShouldContain("409: The slug is taken");

        (await revisions.Run("diff")).ExitCode.ShouldBe(1);
        (await revisions.Run("diff", "taken-slug", "--format", "pdf")).ExitCode.ShouldBe(1);
        (await revisions.Run("history", "taken-slug", "--api", "not a url")).ExitCode.ShouldBe(1);
    }

    [Fact]
    public async Task an_api_that_cannot_be_reached_is_exit_code_5()
    {
        var offline = new CommandLine(api, () => new HttpClient { Timeout = TimeSpan.FromSeconds(5) });
        var run = await offline.Run("history", "anything", "--api", "http://127.0.0.1:9");
        run.ExitCode.ShouldBe(5);
        run.Error.ShouldContain("Cannot reach the Revisions API at http://127.0.0.1:9/");
    }
}
