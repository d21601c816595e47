namespace Revisions.Api.Storage;

public static class ConnectionStrings
{
    /// <summary>The one database Revisions keeps everything in: <c>ConnectionStrings:Revisions</c>.</summary>
    public const string Name = "Revisions";

    public static string ConnectionString(this IConfiguration configuration) =>
        configuration.GetConnectionString(Name)
        ?? throw new InvalidOperationException($"ConnectionStrings:{Name} is not configured.");
}
