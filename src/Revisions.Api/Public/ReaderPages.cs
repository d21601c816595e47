namespace Revisions.Api.Public;

public static class ReaderPages
{
    /// <summary>
    /// What the reader pages need beyond their endpoints: the live-updates fan-out for this node, and the
    /// output cache for story pages that the fan-out evicts on every commit (Program.cs: UseOutputCache).
    /// </summary>
    public static IServiceCollection AddReaderPages(this IServiceCollection services)
    {
        services.AddSingleton<LiveUpdates>();
        services.AddSingleton<ReaderPageCache>();
        services.AddOutputCache(options => options.AddBasePolicy(new ReaderPageCache.Policy()));
        return services;
    }
}
