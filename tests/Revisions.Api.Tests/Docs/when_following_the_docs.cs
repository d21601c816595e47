using System.Diagnostics;
using System.Text;
using Revisions.Api.Hosting;
using Revisions.Api.Tests.Infrastructure;
using Revisions.Api.Tests.Security;
using Xunit.Abstractions;

namespace Revisions.Api.Tests.Docs;

/// <summary>
/// Every shell example in README.md and docs/*.md is run, as written, against a fresh instance of the API — a
/// process of its own in Development, over a private PostgreSQL of its own — so an example cannot rot. Each
/// file runs in one bash session, block after block, in a fixed order (README first; every later page starts
/// with the README's <c>$B</c> and <c>$TOKEN</c>, as its reader would). A block fails when any command in it
/// fails; curl counts an HTTP error as failing (<c>--fail-with-body</c>), as the examples expect success. The
/// docs speak of the API at http://localhost:5000, where <c>dotnet run</c> puts it; the test puts its own
/// address there, and runs <c>revisions</c> from the build. Blocks that cannot run here (installing packages,
/// starting the server) say so in a comment before them: <c>&lt;!-- not run: reason --&gt;</c>.
/// </summary>
public class when_following_the_docs(DocsInstance instance, ITestOutputHelper output) : IClassFixture<DocsInstance>
{
    private static readonly string Root = AppContext.BaseDirectory;
    private const string DocumentedAddress = "http://localhost:5000";

    [Fact]
    public void every_shell_example_runs_or_says_why_not()
    {
        var problems = new List<string>();
        foreach (var file in ShellExamples.Files(Root))
        {
            var examples = ShellExamples.In(Root, file);
            problems.AddRange(examples.Where(e => e.NotRun is { Length: 0 }).Select(e => $"{e}: a not-run marker needs its reason"));
            // A marker must sit right before the block it excuses; one that lost its block would excuse nothing.
            var excused = examples.Where(e => e.NotRun is not null).Count();
            var markers = ShellExamples.Markers(Root, file).ToList();
            if (markers.Count != excused) problems.Add($"{file}: {markers.Count} not-run markers but {excused} excused blocks ({string.Join(", ", markers.Select(m => m.Line))})");
        }
        problems.ShouldBeEmpty();
        ShellExamples.Files(Root).SelectMany(f => ShellExamples.In(Root, f)).Count(e => e.NotRun is null).ShouldBeGreaterThan(10);
    }

    [Fact]
    public async Task every_example_works_as_written_against_a_fresh_instance()
    {
        var (tools, missing) = await RunToolCheckAsync();
        tools.ShouldBe(0, $"The docs' examples need bash, curl and jq; missing: {missing}. On Debian or Ubuntu: sudo apt-get install -y curl jq");
        var address = instance.Api.Address.ToString().TrimEnd('/');
        var failures = new List<string>();
        var clock = Stopwatch.StartNew();
        var ran = 0;
        foreach (var file in ShellExamples.Files(Root))
        {
            var examples = ShellExamples.In(Root, file).Where(e => e.NotRun is null).ToList();
            if (examples.Count == 0) continue;
            ran += examples.Count;
            var (exit, transcript) = await RunAsync(file, examples, address);
            output.WriteLine($"== {file}: exit {exit}{Environment.NewLine}{transcript}");
            if (exit != 0) failures.Add($"{file}: {Failed(transcript, examples)}");
        }
        output.WriteLine($"{ran} examples in {clock.Elapsed.TotalSeconds:F1} s");
        failures.ShouldBeEmpty();
    }

    /// <summary>Runs one file's blocks in one bash session; returns its exit code and everything it printed.</summary>
    private async Task<(int Exit, string Transcript)> RunAsync(string file, List<ShellExample> examples, string address)
    {
        var script = new StringBuilder();
        script.AppendLine("set -Eeo pipefail");
        script.AppendLine("exec 2>&1");
        // An HTTP error fails the command; curl older than 7.76 has only --fail, which drops the body it would show.
        script.AppendLine("if command curl --fail-with-body --version >/dev/null 2>&1; then fail=--fail-with-body; else fail=--fail; fi");
        script.AppendLine("curl() { command curl \"$fail\" --show-error \"$@\"; }");
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        script.AppendLine($"revisions() {{ '{dotnet}' '{Path.Combine(Root, "revisions.dll")}' \"$@\"; }}");
        script.AppendLine($"export REVISIONS_API='{address}'");
        script.AppendLine($"[ -f '{instance.ReaderState}' ] && source '{instance.ReaderState}'");
        script.AppendLine("trap 'echo \"::failed:: exit $? at: $BASH_COMMAND\"' ERR");
        foreach (var example in examples)
        {
            script.AppendLine($"echo '::block:: {example}'");
            script.AppendLine(example.Text.Replace(DocumentedAddress, address));
        }
        if (file == "README.md") script.AppendLine($"declare -p B TOKEN > '{instance.ReaderState}'");

        var path = Path.Combine(instance.WorkingDirectory, $"{file.Replace('/', '-')}.sh");
        await File.WriteAllTextAsync(path, script.ToString());
        var info = new ProcessStartInfo("bash", ["--noprofile", "--norc", path])
        {
            WorkingDirectory = instance.WorkingDirectory, RedirectStandardOutput = true, UseShellExecute = false
        };
        info.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(info)!;
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var transcript = process.StandardOutput.ReadToEndAsync(stop.Token);
        try
        {
            await process.WaitForExitAsync(stop.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return (-1, await transcript + $"{Environment.NewLine}::failed:: still running after 3 minutes");
        }
        return (process.ExitCode, await transcript);
    }

    private static async Task<(int Exit, string Missing)> RunToolCheckAsync()
    {
        var info = new ProcessStartInfo("bash", ["-c", "for t in curl jq; do command -v $t >/dev/null || echo -n \"$t \"; done; command -v curl >/dev/null && command -v jq >/dev/null"])
        {
            RedirectStandardOutput = true, UseShellExecute = false
        };
        using var process = Process.Start(info)!;
        var missing = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, missing.Trim());
    }

    /// <summary>The block that failed, the command and what the block printed.</summary>
    private static string Failed(string transcript, List<ShellExample> examples)
    {
        var blocks = transcript.Split("::block:: ");
        var last = blocks[^1];
        var name = last.Split('\n')[0].Trim();
        var example = examples.FirstOrDefault(e => e.ToString() == name);
        return $"the block at {name} failed{Environment.NewLine}{example?.Text}{Environment.NewLine}--- it printed:{Environment.NewLine}{Tail(last, 3000)}";
    }

    private static string Tail(string text, int length) => text.Length <= length ? text : "…" + text[^length..];
}

/// <summary>
/// A fresh instance of the API for the docs: Development (so POST /dev/token exists), over a private
/// PostgreSQL of its own, and a working directory holding the files the examples name.
/// </summary>
public sealed class DocsInstance : IAsyncLifetime
{
    public ApiProcess Api { get; private set; } = null!;
    public string WorkingDirectory { get; } = TestPostgres.NewServerDirectory("docs-work");
    /// <summary>Where the README's session leaves <c>$B</c> and <c>$TOKEN</c> for the pages after it.</summary>
    public string ReaderState => Path.Combine(WorkingDirectory, "readme-state.sh");

    public async Task InitializeAsync()
    {
        Copy(Path.Combine(AppContext.BaseDirectory, "fixtures"), Path.Combine(WorkingDirectory, "tests", "fixtures"));
        // The files the examples name as the reader's own: a folder of captures, a dated capture, the seed story.
        Copy(Path.Combine(AppContext.BaseDirectory, "fixtures", "docs"), WorkingDirectory);
        File.Copy(Path.Combine(AppContext.BaseDirectory, "fixtures", "seed-istanbul-talks.txt"), Path.Combine(WorkingDirectory, "seed-istanbul-talks.txt"));
        var within = TimeSpan.FromSeconds(120);
        Api = TestPostgres.IsPrivate || PostgresBinaries.Find() is not null
            ? await ApiProcess.StartWithPrivateDatabaseAsync(TestPostgres.NewServerDirectory("docs"), within, "Development")
            // REVISIONS_TEST_PG on a machine without the server programs: a fresh database on that server instead.
            : await ApiProcess.StartAsync(await TestPostgres.CreateDatabaseAsync("docs"), within, "Development");
    }

    private static void Copy(string from, string to)
    {
        if (!Directory.Exists(from)) return;
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }

    public async Task DisposeAsync()
    {
        if (Api is not null) await Api.DisposeAsync();
    }
}
