namespace Revisions.Api.Public;

public static class ReaderPages
{
    /// <summary>What the reader pages need beyond their endpoints: the live-updates fan-out for this node.</summary>
    public static IServiceCollection AddReaderPages(this IServiceCollection services) =>
        services.AddSingleton<LiveUpdates>();
}
