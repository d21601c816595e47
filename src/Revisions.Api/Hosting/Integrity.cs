using Revisions.Api.Evidence;

namespace Revisions.Api.Hosting;

public static class Integrity
{
    /// <summary>
    /// The checkpoint signing key (a file outside the database: <c>Revisions:Integrity:KeyPath</c>, generated
    /// on first run) and the periodic signed checkpoints (<c>Revisions:Integrity:CheckpointMinutes</c>).
    /// </summary>
    public static IServiceCollection AddRevisionsIntegrity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(_ => new SigningKey(configuration["Revisions:Integrity:KeyPath"] ?? SigningKey.DefaultPath()));
        services.AddHostedService<PeriodicCheckpoints>();
        return services;
    }
}
