using Marten;
using Npgsql;
using NpgsqlTypes;
using Revisions.Domain.Stories;

namespace Revisions.Api.Stories;

/// <summary>
/// Writes the newsroom search rows of the stories saves queued (<see cref="StorySearchProjection"/>): each story's
/// newest content as its state holds it now, with the redactions in force, once for however many saves came in
/// between. A row is written only over content older than what was read, so two indexers never step back, and
/// content read before a redaction never replaces the rows the redaction folded in its own transaction.
/// </summary>
public static class StorySearchIndexer
{
    private const int Batch = 500;

    /// <summary>
    /// Writes what saves left queued before a search reads <paramref name="session"/>'s index: usually nothing, which
    /// costs the search one query on its own connection rather than a connection and a transaction of the indexer's.
    /// </summary>
    public static async Task BeforeSearchAsync(IQuerySession session, CancellationToken cancellation)
    {
        var pending = StorySearchTable.PendingIdentifier((StoreOptions)session.DocumentStore.Options);
        bool queued;
        await using (var reader = await session.ExecuteReaderAsync(new NpgsqlCommand($"select exists (select 1 from {pending})"), cancellation))
            queued = await reader.ReadAsync(cancellation) && reader.GetBoolean(0);
        // Rows another indexer holds are still there, so this waits for it as the catch-up would.
        if (queued) await CatchUpAsync(session.DocumentStore, waitForOthers: true, cancellation);
    }

    /// <summary>
    /// Writes every queued story's row and returns how many it wrote. With <paramref name="waitForOthers"/> (a
    /// search about to read) it waits for stories another indexer is writing, so whatever was saved before the
    /// call is found; without (the background round) it leaves them to that indexer.
    /// </summary>
    public static async Task<int> CatchUpAsync(IDocumentStore store, bool waitForOthers, CancellationToken cancellation)
    {
        var options = (StoreOptions)store.Options;
        var table = StorySearchTable.Identifier(options);
        var pending = StorySearchTable.PendingIdentifier(options);
        var written = 0;
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellation);
        while (true)
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellation);
            var queuedIds = new List<Guid>();
            var queuedVersions = new List<long>();
            await using (var queued = new NpgsqlCommand(
                $"select story_id, version from {pending} order by story_id, version limit {Batch} for update{(waitForOthers ? "" : " skip locked")}", connection, transaction))
            await using (var reader = await queued.ExecuteReaderAsync(cancellation))
                while (await reader.ReadAsync(cancellation))
                {
                    queuedIds.Add(reader.GetGuid(0));
                    queuedVersions.Add(reader.GetInt64(1));
                }
            var ids = queuedIds.Distinct().ToList();
            if (ids.Count == 0)
            {
                await transaction.CommitAsync(cancellation);
                return written;
            }

            IReadOnlyDictionary<Guid, Story> stories;
            await using (var session = store.QuerySession(Marten.Services.SessionOptions.ForTransaction(transaction, shouldAutoCommit: false)))
                stories = await StoryLookup.LoadManyAsync(session, ids, cancellation);
            var rows = stories.Values.Select(s => StorySearch.NewsroomOf(s.Id, s.Content, s.Redactions, []) with { Version = s.Version }).ToList();

            // The notes stay as they are: a typed note adds its text to the row in its own transaction.
            await using (var update = new NpgsqlCommand(
                $"update {table} s set headline = u.headline, standfirst = u.standfirst, body = u.body, names = u.names, version = u.version, language = default " +
                "from unnest(@ids, @headlines, @standfirsts, @bodies, @names, @versions) as u(story_id, headline, standfirst, body, names, version) " +
                $"where s.story_id = u.story_id and s.scope = '{StorySearch.Newsroom}' and s.version < u.version", connection, transaction))
            {
                update.Parameters.Add(new NpgsqlParameter("versions", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = rows.Select(r => r.Version).ToArray() });
                update.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = rows.Select(r => r.StoryId).ToArray() });
                StorySearchTable.Texts(update, "headlines", rows.Select(r => r.Headline));
                StorySearchTable.Texts(update, "standfirsts", rows.Select(r => r.Standfirst));
                StorySearchTable.Texts(update, "bodies", rows.Select(r => r.Body));
                StorySearchTable.Texts(update, "names", rows.Select(r => r.Names));
                await update.ExecuteNonQueryAsync(cancellation);
            }
            // Only the queue rows read: a save queued since waits for the next round. A story that has no row yet
            // (a rebuild has emptied the index and not reached it) stays queued, so the content the rebuild writes
            // from the events it read is brought up to date afterwards; a story with no state has nothing to index.
            int done;
            await using (var dequeue = new NpgsqlCommand(
                $"delete from {pending} p using unnest(@ids, @versions) as d(story_id, version) where p.story_id = d.story_id and p.version = d.version " +
                $"and (exists (select 1 from {table} s where s.story_id = p.story_id and s.scope = '{StorySearch.Newsroom}') or not p.story_id = any(@stories))",
                connection, transaction))
            {
                dequeue.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = queuedIds.ToArray() });
                dequeue.Parameters.Add(new NpgsqlParameter("versions", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = queuedVersions.ToArray() });
                dequeue.Parameters.Add(new NpgsqlParameter("stories", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = rows.Select(r => r.StoryId).ToArray() });
                done = await dequeue.ExecuteNonQueryAsync(cancellation);
            }
            await transaction.CommitAsync(cancellation);
            written += rows.Count;
            // A short batch was the whole queue; a round that took nothing off it would only read the same rows again.
            if (queuedIds.Count < Batch || done == 0) return written;
        }
    }
}

/// <summary>
/// Writes the queued stories' search rows every second on every node, each taking the stories no other node
/// holds, so a search seldom has any left to write before it reads.
/// </summary>
public sealed class StorySearchIndexing(IDocumentStore store, ILogger<StorySearchIndexing> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await StorySearchIndexer.CatchUpAsync(store, waitForOthers: false, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database may be restarting (the private server's watchdog); the next round tries again, and a
                // search writes what is queued itself.
                logger.LogWarning("Could not write the queued stories' search rows; trying again in {Interval}: {Reason}", Interval, e.Message);
            }
        }
    }
}
