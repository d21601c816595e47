using System.CommandLine;
using Revisions.Api.Evidence;
using Revisions.Evidence;

namespace Revisions.Cli.Commands;

/// <summary>
/// revisions verify: checks an evidence bundle offline, with nothing but the zip; or, without a bundle, asks
/// the API to re-check the whole store and names every broken story and version.
/// </summary>
public static class VerifyCommand
{
    public static Command Create(GlobalOptions global, CliEnvironment environment)
    {
        var bundle = new Argument<FileInfo?>("bundle")
        {
            Description = "An evidence bundle (.zip) to check offline. Without it, the API re-checks every event and checkpoint.",
            Arity = ArgumentArity.ZeroOrOne
        };
        var command = new Command("verify", "Verify an evidence bundle offline, or the integrity of the whole store.") { bundle };
        command.SetAction(async (result, cancellation) =>
        {
            var file = result.GetValue(bundle);
            return file is null
                ? await VerifyStoreAsync(global, result, environment, cancellation)
                : VerifyBundle(file, environment);
        });
        return command;
    }

    private static int VerifyBundle(FileInfo file, CliEnvironment environment)
    {
        if (!file.Exists)
        {
            environment.Error.WriteLine($"{file.FullName}: no such file.");
            return ExitCodes.InvalidInput;
        }
        using var stream = file.OpenRead();
        var report = BundleVerifier.Verify(stream);
        foreach (var (check, passed, detail) in report.Checks)
            environment.Out.WriteLine($"{(passed ? "ok  " : "FAIL")}  {check} ({detail})");
        switch (report.Status)
        {
            case BundleStatus.Verified:
                environment.Out.WriteLine($"{file.Name}: verified.");
                return ExitCodes.Ok;
            case BundleStatus.Unsigned:
                environment.Out.WriteLine($"{file.Name}: NOT fully verified: made before bundles were signed. Its history and checkpoint verify, " +
                                          "but its moment, slug and README are not authenticated; ask for a new bundle.");
                return ExitCodes.Unsigned;
            default:
                environment.Out.WriteLine($"{file.Name}: NOT verified.");
                return ExitCodes.VerificationFailed;
        }
    }

    private static async Task<int> VerifyStoreAsync(GlobalOptions global, ParseResult result, CliEnvironment environment, CancellationToken cancellation)
    {
        var client = global.Client(result, out var exitCode);
        if (client is null) return exitCode;
        var answer = await client.GetAsync("api/integrity/verify", cancellation);
        if (!answer.Succeeded) return answer.ExitCode;

        var report = answer.Read<IntegrityReport>();
        environment.Out.WriteLine($"{report.Events} events in {report.Stories} stories; {report.Checkpoints.Count} signed checkpoints.");
        foreach (var broken in report.Broken)
            environment.Out.WriteLine($"FAIL  story {broken.StoryId} version {broken.Version}: {broken.Reason}");
        foreach (var c in report.Checkpoints.Where(c => !c.SignatureValid || !c.RootMatches))
            environment.Out.WriteLine($"FAIL  checkpoint {c.Id} of {c.At:O}: {(c.SignatureValid ? "its root no longer matches the chain" : "its signature does not verify")}");
        environment.Out.WriteLine(report.Ok ? "The store verified." : "The store did NOT verify.");
        return report.Ok ? ExitCodes.Ok : ExitCodes.VerificationFailed;
    }
}
