using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using Revisions.Api.Storage;

namespace Revisions.Api.Hosting;

/// <summary>
/// <c>/health/live</c>: the process answers (restart it if not). <c>/health/ready</c>: it can reach its
/// database (send it traffic only then). <c>/health</c> runs every check, as <c>/health/ready</c>.
/// </summary>
public static class Health
{
    public static IServiceCollection AddRevisionsHealth(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<DatabaseReachable>("database", tags: ["ready"]);
        return services;
    }

    public static void MapRevisionsHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health");
        app.MapHealthChecks("/health/live", new() { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new() { Predicate = check => check.Tags.Contains("ready") });
    }

    private sealed class DatabaseReachable(IConfiguration configuration) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellation)
        {
            try
            {
                var builder = new NpgsqlConnectionStringBuilder(configuration.ConnectionString()) { Timeout = 3, CommandTimeout = 3 };
                await using var connection = new NpgsqlConnection(builder.ConnectionString);
                await connection.OpenAsync(cancellation);
                await using var command = new NpgsqlCommand("select 1", connection);
                await command.ExecuteScalarAsync(cancellation);
                return HealthCheckResult.Healthy();
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                return HealthCheckResult.Unhealthy("The database cannot be reached", e);
            }
        }
    }
}
