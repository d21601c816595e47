using Alba;
using Marten;
using Marten.Events;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Revisions.Api.Tests.Infrastructure;

/// <summary>The Revisions API in memory over a fresh database of its own; one per test class.</summary>
public class ApiFixture : IAsyncLifetime
{
    public string ConnectionString { get; private set; } = "";
    public IAlbaHost Host { get; private set; } = null!;
    /// <summary>An editor with every newsroom role; <see cref="Newsroom.As"/> and <see cref="Newsroom.Anonymous"/> for others.</summary>
    public Newsroom Newsroom => new(Host.Server.CreateClient());
    public IDocumentStore Store => Host.Services.GetRequiredService<IDocumentStore>();

    public virtual async Task InitializeAsync()
    {
        ConnectionString = await TestPostgres.CreateDatabaseAsync(GetType().Name);
        Host = await StartHostAsync(ConnectionString);
    }

    /// <summary>A further API host over the same database, as after a restart or on a second node.</summary>
    public static Task<IAlbaHost> StartHostAsync(string connectionString) => StartHostAsync(connectionString, null);

    /// <param name="settings">Configuration beyond the test defaults, such as a low rate limit.</param>
    /// <param name="configure">Anything else about the host, such as a logger provider that keeps what is logged.</param>
    public static Task<IAlbaHost> StartHostAsync(string connectionString, IReadOnlyDictionary<string, string>? settings,
        Action<IWebHostBuilder>? configure = null) =>
        AlbaHost.For<Program>(builder =>
        {
            configure?.Invoke(builder);
            builder.UseSetting("ConnectionStrings:Revisions", connectionString);
            builder.UseSetting("Revisions:Integrity:KeyPath", KeyPathFor(connectionString));
            foreach (var (key, value) in TestTokens.HostSettings) builder.UseSetting(key, value);
            foreach (var (key, value) in settings ?? new Dictionary<string, string>()) builder.UseSetting(key, value);
            builder.UseEnvironment("Testing");
        });

    /// <summary>One signing key per test database, kept outside it as in production (in the run's own directory).</summary>
    public static string KeyPathFor(string connectionString) =>
        Path.Combine(TestPostgres.RunDirectory, "keys",
            Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(connectionString)))[..16] + ".pem");

    public async Task DisposeAsync()
    {
        if (Host is not null) await Host.DisposeAsync();
    }
}
