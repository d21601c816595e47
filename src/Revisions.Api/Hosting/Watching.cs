using Revisions.Api.Watch;
using Wolverine;

namespace Revisions.Api.Hosting;

public static class Watching
{
    /// <summary>
    /// Watching feeds and pages published elsewhere (docs/watch.md): the settings (<c>Revisions:Watch</c>), the
    /// polite fetcher, the poller, and — unless <c>Revisions:Watch:Background</c> is false — the Wolverine agent
    /// that runs the poller on exactly one node.
    /// </summary>
    public static IServiceCollection AddRevisionsWatch(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(WatchOptions.Section);
        services.Configure<WatchOptions>(section);
        services.AddSingleton<WatchFetcher>();
        services.AddSingleton<CaptureRecorder>();
        services.AddSingleton<WatchPoller>();
        if (section.GetValue(nameof(WatchOptions.Background), true)) services.AddSingularAgent<WatchAgent>();
        return services;
    }
}
