using JasperFx;
using Npgsql;
using Revisions.Api.Storage;

namespace Revisions.Api.Hosting;

public static class Database
{
    /// <summary>
    /// Uses <c>ConnectionStrings:Revisions</c> when it is configured; otherwise starts a private PostgreSQL
    /// server under a per-user data directory (kept between runs, so stories survive a restart) and stops it
    /// when the application stops.
    /// </summary>
    public static WebApplicationBuilder UseRevisionsDatabase(this WebApplicationBuilder builder)
    {
        if (!string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(ConnectionStrings.Name)))
            return builder;

        var dataDirectory = builder.Configuration["Revisions:DataDirectory"] ?? DefaultDataDirectory();
        PrivatePostgres server;
        try
        {
            server = PrivatePostgres.Start(dataDirectory, throwaway: false, log: Console.WriteLine);
        }
        catch (PostgresNotInstalledException e)
        {
            Console.Error.WriteLine(e.Message);
            Environment.Exit(2);
            throw;
        }
        server.EnsureDatabaseAsync("revisions").GetAwaiter().GetResult();
        builder.Configuration[$"ConnectionStrings:{ConnectionStrings.Name}"] = server.ConnectionString("revisions");
        builder.Services.AddHostedService(_ => new StopServerOnShutdown(server));
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Dispose();
        return builder;
    }

    /// <summary>
    /// Lets Npgsql prepare the statements a connection runs again and again (its auto-prepare): every save and
    /// every read runs the same few statements, and planning them anew each time was a measurable part of a
    /// version read (the row joined to its content event). A connection string that sets <c>Max Auto Prepare</c>
    /// itself keeps its value, e.g. 0 behind a connection pooler that cannot hold prepared statements.
    /// </summary>
    public static string WithPreparedStatements(string connectionString)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        if (given.ContainsKey("Max Auto Prepare") || given.ContainsKey("MaxAutoPrepare")) return connectionString;
        return new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = 64, AutoPrepareMinUsages = 2 }.ConnectionString;
    }

    public static string DefaultDataDirectory() =>
        // root's home is closed to the postgres user the server runs as, so root keeps its data system-wide.
        PrivatePostgres.RunningAsRoot
            ? "/var/lib/revisions"
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "revisions");

    /// <summary>Registered before Marten and Wolverine, so it stops after them.</summary>
    private sealed class StopServerOnShutdown(PrivatePostgres server) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken)
        {
            server.Dispose();
            return Task.CompletedTask;
        }
    }
}
