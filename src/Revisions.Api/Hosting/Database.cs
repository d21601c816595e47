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
        catch (PostgresFailedException e)
        {
            Console.Error.WriteLine(e.Message);
            Environment.Exit(1);
            throw;
        }
        server.EnsureDatabaseAsync("revisions").GetAwaiter().GetResult();
        builder.Configuration[$"ConnectionStrings:{ConnectionStrings.Name}"] = server.ConnectionString("revisions");
        builder.Services.AddSingleton(server);
        builder.Services.AddHostedService<KeepPrivateServerRunning>();
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

    /// <summary>
    /// Watches the private server and starts it again when its postmaster dies (a crash, an OOM kill, someone's
    /// kill -9), waiting longer after each failed attempt; meanwhile /health/ready answers 503, since it cannot
    /// reach the database. Registered before Marten and Wolverine, so it stops after them, and stops the server.
    /// </summary>
    private sealed class KeepPrivateServerRunning(PrivatePostgres server, ILogger<KeepPrivateServerRunning> logger) : BackgroundService
    {
        private static readonly TimeSpan Every = TimeSpan.FromSeconds(1);
        private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);
        private static readonly TimeSpan LongestRetry = TimeSpan.FromSeconds(30);

        protected override async Task ExecuteAsync(CancellationToken stopping)
        {
            using var timer = new PeriodicTimer(Every);
            while (await Tick(timer, stopping))
            {
                if (server.IsRunning) continue;
                logger.LogWarning("The private PostgreSQL server on port {Port} has stopped; starting it again (its log: {Log})", server.Port, server.LogFile);
                var wait = FirstRetry;
                for (var attempt = 1; !stopping.IsCancellationRequested; attempt++)
                {
                    try
                    {
                        server.StartAgain();
                        // The pooled connections all went down with the old server.
                        NpgsqlConnection.ClearAllPools();
                        logger.LogWarning("The private PostgreSQL server is running again on port {Port}, after {Attempts} attempt(s)", server.Port, attempt);
                        break;
                    }
                    catch (PostgresFailedException e)
                    {
                        logger.LogError("The private PostgreSQL server did not start (attempt {Attempt}); trying again in {Wait} s. {Reason}", attempt, wait.TotalSeconds, e.Message);
                    }
                    try { await Task.Delay(wait, stopping); }
                    catch (OperationCanceledException) { return; }
                    wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, LongestRetry.Ticks));
                }
            }
        }

        private static async Task<bool> Tick(PeriodicTimer timer, CancellationToken stopping)
        {
            try { return await timer.WaitForNextTickAsync(stopping); }
            catch (OperationCanceledException) { return false; }
        }

        public override async Task StopAsync(CancellationToken cancellationToken)
        {
            await base.StopAsync(cancellationToken);
            server.Dispose();
        }
    }
}
