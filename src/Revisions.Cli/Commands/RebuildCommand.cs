using System.CommandLine;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Revisions.Api.Admin;
using Revisions.Api.Hosting;
using Revisions.Api.Public;
using Revisions.Api.Stories;
using Spectre.Console;

namespace Revisions.Cli.Commands;

/// <summary>
/// revisions rebuild: throws the read models away and builds them again from the events. Directly against the
/// database (--connection), with the API's own projection code, or through a running API (--api).
/// </summary>
public static class RebuildCommand
{
    public static Command Create(GlobalOptions global, CliEnvironment environment)
    {
        var connection = new Option<string>("--connection")
        {
            Description = "PostgreSQL connection string of the Revisions database (default: $REVISIONS_CONNECTION). Without it, --api is used.",
            HelpName = "connection-string",
            DefaultValueFactory = _ => environment.Variable("REVISIONS_CONNECTION") ?? ""
        };
        var language = new Option<string>("--search-language")
        {
            Description = "The text search configuration the API indexes with, Revisions:Search:Language (default: $Revisions__Search__Language, else english). Only with --connection.",
            HelpName = "configuration",
            DefaultValueFactory = _ => environment.Variable("Revisions__Search__Language") ?? SearchSettings.Default.Language
        };
        var command = new Command("rebuild", "Rebuild every read model (current stories, published stories, versions, search index) from the events.") { connection, language };
        command.SetAction(async (result, cancellation) =>
        {
            var connectionString = result.GetValue(connection);
            var apiGiven = result.GetResult(global.Api) is { Implicit: false };
            if (!apiGiven && !string.IsNullOrWhiteSpace(connectionString))
                return await RebuildDirectlyAsync(connectionString, result.GetValue(language)!, environment, cancellation);
            if (!apiGiven && environment.Variable("REVISIONS_API") is not { Length: > 0 })
            {
                environment.Error.WriteLine("Say which database to rebuild: --connection \"Host=…;Database=revisions;…\" (or REVISIONS_CONNECTION), or --api <url> of a running API.");
                return ExitCodes.Usage;
            }

            var client = global.Client(result, out var exitCode);
            if (client is null) return exitCode;
            var answer = await client.SendAsync(HttpMethod.Post, "api/admin/projections/rebuild", null, cancellation);
            if (!answer.Succeeded) return answer.ExitCode;
            Report(environment, answer.Read<RebuildReport>());
            return ExitCodes.Ok;
        });
        return command;
    }

    private static async Task<int> RebuildDirectlyAsync(string connectionString, string language, CliEnvironment environment, CancellationToken cancellation)
    {
        try
        {
            await using var services = Services(connectionString, language);
            var store = services.GetRequiredService<IDocumentStore>();
            var report = await Progress.SpinAsync(environment, "Rebuilding the read models from the events…", () =>
                RebuildProjectionsEndpoint.RebuildAsync(store, names =>
                {
                    if (!environment.ShowsProgress) environment.Error.WriteLine($"Rebuilding {names}…");
                }, cancellation));
            Report(environment, report);
            return ExitCodes.Ok;
        }
        catch (Exception e) when (e is Marten.Exceptions.MartenException or Npgsql.NpgsqlException or ArgumentException or InvalidOperationException or TimeoutException)
        {
            environment.Error.WriteLine($"Could not rebuild the read models: {DatabaseReason(e)}");
            return ExitCodes.ServerError;
        }
    }

    // Marten wraps the driver's error in a generic banner; the PostgreSQL or network reason is what helps.
    private static string DatabaseReason(Exception e)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
            if (inner is Npgsql.NpgsqlException) return inner.Message;
        return e.Message;
    }

    /// <summary>The API's own event store configuration, so the CLI rebuilds with exactly the projections the API runs.</summary>
    private static ServiceProvider Services(string connectionString, string language)
    {
        // The search language as the API has it: the index's rows are written in it.
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                [$"ConnectionStrings:{Revisions.Api.Storage.ConnectionStrings.Name}"] = connectionString,
                [$"{SearchSettings.Section}:Language"] = language
            })
            .Build();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        // The same registrations as the API's Program.cs that the event store needs (its listeners' services).
        services.AddRevisionsEventStore(configuration);
        services.AddReaderPages();
        return services.BuildServiceProvider();
    }

    private static void Report(CliEnvironment environment, RebuildReport report) =>
        environment.Out.WriteLine($"Rebuilt {string.Join(", ", report.Projections)} from {report.Events} event(s) in {report.ElapsedMilliseconds} ms.");
}
