using Marten;
using Revisions.Api.Http;

namespace Revisions.Api.Hosting;

/// <summary>How expired Idempotency-Key records (a document in ReadModels/Catalogue.cs) are swept away.</summary>
public static class IdempotencyKeys
{
    public static IServiceCollection AddRevisionsIdempotency(this IServiceCollection services)
    {
        services.AddHostedService<Sweeper>();
        return services;
    }

    public static void UseIdempotencyKeys(this WebApplication app) => app.Use((context, next) => Idempotency.HashBodyAsync(context, next));

    /// <summary>Expired records are ignored when read; this only keeps the table from growing.</summary>
    private sealed class Sweeper(IDocumentStore store, ILogger<Sweeper> logger) : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            using var timer = new PeriodicTimer(TimeSpan.FromHours(1));
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await using var session = store.LightweightSession();
                    session.DeleteWhere<IdempotencyRecord>(r => r.ExpiresAt < DateTimeOffset.UtcNow);
                    await session.SaveChangesAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "Could not sweep expired idempotency keys; will try again in an hour");
                }
            }
        }
    }
}
