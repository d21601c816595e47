using Revisions.Api.Evidence;
using Revisions.Api.Legal;

namespace Revisions.Api.Hosting;

public static class Integrity
{
    /// <summary>
    /// The checkpoint signing key (a file outside the database: <c>Revisions:Integrity:KeyPath</c>, generated
    /// on first run), the periodic signed checkpoints (<c>Revisions:Integrity:CheckpointMinutes</c>), and the
    /// database guard that refuses changes to the events of a story under legal hold.
    /// </summary>
    public static IServiceCollection AddRevisionsIntegrity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(_ => new SigningKey(configuration["Revisions:Integrity:KeyPath"] ?? SigningKey.DefaultPath()));
        services.AddHostedService<PeriodicCheckpoints>();
        services.AddHostedService<HoldGuard>();
        return services;
    }
}
