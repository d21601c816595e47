using System.Text.Json;
using Marten;
using Marten.Services;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using Revisions.Api.Storage;
using Revisions.Domain.Stories;

namespace Revisions.Api.Public;

/// <summary>This API process among the nodes sharing the database; tells its own notifications from the others'.</summary>
public sealed class NodeIdentity
{
    public Guid Id { get; } = Guid.NewGuid();
}

/// <summary>What one node tells the others about a publish it committed.</summary>
public sealed record PublishNotice(Guid Story, int Version, DateTimeOffset At, Guid Node);

public static class LiveUpdatesAcrossNodes
{
    /// <summary>NOTIFY is per database, so nodes of different Revisions databases on one server never hear each other.</summary>
    public const string Channel = "revisions_live_updates";

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Reader pages open on any node hear of a publish committed on any other. Wolverine's PostgreSQL queues
    /// hand each message to one node (competing consumers), so they cannot broadcast; LISTEN/NOTIFY can.
    /// </summary>
    public static IServiceCollection AddLiveUpdatesAcrossNodes(this IServiceCollection services)
    {
        services.TryAddSingleton<NodeIdentity>();
        services.AddHostedService<LiveUpdatesRelay>();
        return services;
    }
}

/// <summary>
/// Queues a <c>pg_notify</c> into the transaction that appends a <see cref="StoryPublished"/>: PostgreSQL
/// delivers it only if that transaction commits, so a publish that loses a version race or rolls back never
/// reaches a reader on any node. Runs after Marten has numbered the events and before the batch is sent.
/// </summary>
public sealed class NotifyOtherNodes(NodeIdentity node) : DocumentSessionListenerBase
{
    public override Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token)
    {
        foreach (var stream in session.PendingChanges.Streams())
        foreach (var e in stream.Events)
        {
            if (e.Data is not StoryPublished) continue;
            var notice = new PublishNotice(stream.Id, (int)e.Version, e.Timestamp, node.Id);
            session.QueueSqlCommand("select pg_notify(?, ?)", LiveUpdatesAcrossNodes.Channel,
                JsonSerializer.Serialize(notice, LiveUpdatesAcrossNodes.Json));
        }
        return Task.CompletedTask;
    }
}

/// <summary>
/// Holds one LISTEN connection per node and hands other nodes' publishes to this node's
/// <see cref="LiveUpdates"/>. Its own publishes already reach local pages through
/// <see cref="LiveUpdatesListener"/>, so they are skipped here. A lost connection is reopened with backoff;
/// a publish notified while it was down reaches this node's open pages only with the next one (NOTIFY is
/// not queued for absent listeners), which docs/operations.md states.
/// </summary>
public sealed class LiveUpdatesRelay(IConfiguration configuration, NodeIdentity node, LiveUpdates live,
    ILogger<LiveUpdatesRelay> logger) : BackgroundService
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan LastRetry = TimeSpan.FromSeconds(15);

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        var connectionString = new NpgsqlConnectionStringBuilder(configuration.ConnectionString())
        {
            // Its own connection, never returned to the pool with LISTEN on it; the keepalive makes a
            // silently dropped connection fail WaitAsync instead of leaving it waiting forever.
            Pooling = false, KeepAlive = 15, ApplicationName = "revisions-live-updates"
        }.ConnectionString;
        var retry = FirstRetry;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(stopping);
                connection.Notification += (_, e) => Receive(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {LiveUpdatesAcrossNodes.Channel}", connection))
                    await listen.ExecuteNonQueryAsync(stopping);
                retry = FirstRetry;
                while (true) await connection.WaitAsync(stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Live updates from other nodes paused; listening again in {Retry}", retry);
                try { await Task.Delay(retry, stopping); }
                catch (OperationCanceledException) { return; }
                retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, LastRetry.Ticks));
            }
        }
    }

    private void Receive(string payload)
    {
        PublishNotice? notice;
        try
        {
            notice = JsonSerializer.Deserialize<PublishNotice>(payload, LiveUpdatesAcrossNodes.Json);
        }
        catch (JsonException e)
        {
            // Anyone with access to the database may NOTIFY on the channel; a bad payload costs one log line.
            logger.LogWarning(e, "Ignored an unreadable live-update notice");
            return;
        }
        if (notice is null || notice.Node == node.Id) return;
        live.Announce(new StoryUpdated(notice.Story, notice.Version, notice.At));
    }
}
