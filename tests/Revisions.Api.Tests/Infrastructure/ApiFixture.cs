using Alba;
using Marten;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Revisions.Api.Tests.Infrastructure;

/// <summary>The Revisions API in memory over a fresh database of its own; one per test class.</summary>
public class ApiFixture : IAsyncLifetime
{
    public string ConnectionString { get; private set; } = "";
    public IAlbaHost Host { get; private set; } = null!;
    public Newsroom Newsroom => new(Host.Server.CreateClient());
    public IDocumentStore Store => Host.Services.GetRequiredService<IDocumentStore>();

    public virtual async Task InitializeAsync()
    {
        ConnectionString = await TestPostgres.CreateDatabaseAsync(GetType().Name);
        Host = await StartHostAsync(ConnectionString);
    }

    /// <summary>A further API host over the same database, as after a restart or on a second node.</summary>
    public static Task<IAlbaHost> StartHostAsync(string connectionString) =>
        AlbaHost.For<Program>(builder =>
        {
            builder.UseSetting("ConnectionStrings:Revisions", connectionString);
            builder.UseSetting("Revisions:Integrity:KeyPath", KeyPathFor(connectionString));
            builder.UseEnvironment("Testing");
        });

    /// <summary>One signing key per test database, kept outside it as in production.</summary>
    public static string KeyPathFor(string connectionString) =>
        Path.Combine(Path.GetTempPath(), "revisions-test-keys",
            Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(connectionString)))[..16] + ".pem");

    public async Task DisposeAsync()
    {
        if (Host is not null) await Host.DisposeAsync();
    }
}
