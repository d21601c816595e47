using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using JasperFx.Events;
using Marten;
using Npgsql;
using Revisions.Api.ReadModels;
using Revisions.Api.Storage;
using Weasel.Core;

namespace Revisions.Api.Admin;

/// <summary>
/// Builds every read model in one pass over the events, story by story, with the projections' own fold
/// functions, and writes the documents with PostgreSQL's COPY. Rebuilding projection by projection through
/// the daemon read all events once per projection and upserted each document on its own; this reads them
/// once and writes in bulk. Every story event is a story event (IStoryEvent), so folding a whole stream in
/// order gives exactly what the inline projections wrote commit by commit (the rebuild tests compare them).
/// </summary>
/// <remarks>
/// Three stages run at once, joined by bounded channels. One reader reads the events a group of streams at a
/// time and hands on whole streams in order (ordering the whole history in one query made the database sort
/// every event, on disk, before the first row came back). A few workers fold streams: the story's state per
/// version row (its content stays in the content event), with the change's reading taken from its event
/// (classified again only if older rules made it). Two writers COPY the documents in batches over their own
/// connections, so that one batch is serialised and sent while PostgreSQL parses and commits the other. A stream is folded whole by one worker, so each fold sees its
/// events in order exactly as the single-threaded pass did; the order in which streams reach the writers does
/// not matter to a COPY. The reads and the channels' bounds keep memory to a few batches however many events
/// there are.
/// </remarks>
public sealed class ReadModelReplay(IDocumentStore store)
{
    private const int DocumentsPerCopy = 5000;
    /// <summary>About how many events one read brings in: a few batches' worth, so memory stays bounded however long the history.</summary>
    internal int EventsPerRead { get; init; } = 5000;
    /// <summary>Streams listed per query while grouping them.</summary>
    internal int StreamsPerPage { get; init; } = 1000;
    /// <summary>Whole streams read ahead of the folders, and folded streams waiting for the writers.</summary>
    private const int StreamsInFlight = 256;

    /// <summary>Folders: the cores, but at least two so folding overlaps the reader's and writers' waits.</summary>
    private static readonly int Folders = Math.Clamp(Environment.ProcessorCount, 2, 4);

    /// <summary>Writers: a single one leaves the cores idle while its batch is in PostgreSQL's hands.</summary>
    private const int Writers = 2;

    /// <summary>Deletes the read models and writes them again from the events; returns the number of events read.</summary>
    public async Task<long> RunAsync(CancellationToken cancellation)
    {
        foreach (var model in Catalogue.Rebuilt)
        {
            if (model.Table is null) await store.Advanced.Clean.DeleteDocumentsByTypeAsync(model.Document, cancellation);
            else await ExecuteAsync($"truncate {Catalogue.TableOf(model, store.Options)}", cancellation);
        }

        // The first stage to fail stops the others, which would otherwise wait on a channel forever.
        using var failure = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var token = failure.Token;
        var streams = Channel.CreateBounded<List<IEvent>>(new BoundedChannelOptions(StreamsInFlight) { SingleWriter = true });
        var folded = Channel.CreateBounded<List<object>>(new BoundedChannelOptions(StreamsInFlight));

        var reader = Stage(failure, () => ReadAsync(streams.Writer, token));
        var folders = Enumerable.Range(0, Folders)
            .Select(_ => Stage(failure, () => FoldAllAsync(streams.Reader, folded.Writer, token))).ToArray();
        var foldersDone = Task.WhenAll(folders).ContinueWith(t => folded.Writer.TryComplete(t.Exception?.GetBaseException()), TaskScheduler.Default);
        var writers = Enumerable.Range(0, Writers)
            .Select(_ => Stage(failure, () => WriteAllAsync(folded.Reader, token))).ToArray();

        Task[] stages = [reader, .. folders, foldersDone, .. writers];
        try
        {
            await Task.WhenAll(stages);
        }
        catch
        {
            // Report what went wrong first, not the cancellations it caused in the other stages.
            var cause = stages.Where(t => t.IsFaulted).SelectMany(t => t.Exception!.InnerExceptions)
                .FirstOrDefault(e => e is not OperationCanceledException);
            if (cause is not null) ExceptionDispatchInfo.Throw(cause);
            throw;
        }
        return await reader;
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellation)
    {
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellation);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellation);
    }

    private static async Task<T> Stage<T>(CancellationTokenSource failure, Func<Task<T>> run)
    {
        try { return await Task.Run(run); }
        catch { await failure.CancelAsync(); throw; }
    }

    private static Task Stage(CancellationTokenSource failure, Func<Task> run) =>
        Stage(failure, async () => { await run(); return 0; });

    private async Task<long> ReadAsync(ChannelWriter<List<IEvent>> output, CancellationToken cancellation)
    {
        try
        {
            await using var session = store.QuerySession();
            long count = 0;
            await foreach (var streams in StreamGroupsAsync(cancellation))
            {
                // One read per group, in whatever order the server finds the rows; each stream is put in order here.
                var events = await session.Events.QueryAllRawEvents().Where(e => streams.Contains(e.StreamId)).ToListAsync(cancellation);
                count += events.Count;
                foreach (var stream in events.GroupBy(e => e.StreamId))
                    await output.WriteAsync(stream.OrderBy(e => e.Version).ToList(), cancellation);
            }
            output.TryComplete();
            return count;
        }
        catch (Exception e)
        {
            output.TryComplete(e);
            throw;
        }
    }

    /// <summary>
    /// Every stream, in groups of about <see cref="EventsPerRead"/> events (a longer stream is a group of its own),
    /// paged through the stream table by id.
    /// </summary>
    private async IAsyncEnumerable<Guid[]> StreamGroupsAsync([EnumeratorCancellation] CancellationToken cancellation)
    {
        var table = $"{store.Options.Events.DatabaseSchemaName}.mt_streams";
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellation);
        var group = new List<Guid>();
        long events = 0;
        Guid? after = null;
        while (true)
        {
            var page = new List<(Guid Id, long Version)>();
            // Keyset paging: each page starts after the last id seen, straight off the primary key's index.
            var from = after is null ? "" : "where id > @after";
            await using (var command = new NpgsqlCommand(
                $"select id, coalesce(version, 0) from {table} {from} order by id limit {StreamsPerPage}", connection))
            {
                if (after is not null) command.Parameters.AddWithValue("after", after.Value);
                await using var reader = await command.ExecuteReaderAsync(cancellation);
                while (await reader.ReadAsync(cancellation)) page.Add((reader.GetGuid(0), reader.GetInt64(1)));
            }
            if (page.Count == 0) break;
            foreach (var (id, version) in page)
            {
                if (group.Count > 0 && events + version > EventsPerRead)
                {
                    yield return [.. group];
                    group.Clear();
                    events = 0;
                }
                group.Add(id);
                events += version;
            }
            after = page[^1].Id;
        }
        if (group.Count > 0) yield return [.. group];
    }

    private async Task FoldAllAsync(ChannelReader<List<IEvent>> input, ChannelWriter<List<object>> output, CancellationToken cancellation)
    {
        await foreach (var stream in input.ReadAllAsync(cancellation))
            await output.WriteAsync(Fold(stream), cancellation);
    }

    /// <summary>Every rebuilt document of one story, each made by its catalogue entry's own fold.</summary>
    private static List<object> Fold(List<IEvent> stream) =>
        Catalogue.Rebuilt.SelectMany(model => model.Replay!(stream)).ToList();

    private async Task WriteAllAsync(ChannelReader<List<object>> input, CancellationToken cancellation)
    {
        var pending = new List<object>(DocumentsPerCopy * 2);
        await foreach (var documents in input.ReadAllAsync(cancellation))
        {
            pending.AddRange(documents);
            if (pending.Count >= DocumentsPerCopy) await WriteBatchAsync(pending, cancellation);
        }
        await WriteBatchAsync(pending, cancellation);
    }

    /// <summary>Writes rebuilt documents, keeping any row a commit wrote meanwhile; empties <paramref name="pending"/>.</summary>
    internal async Task WriteBatchAsync(List<object> pending, CancellationToken cancellation)
    {
        // Rows of Revisions' own tables (the search index) go there; the rest are Marten documents.
        foreach (var model in Catalogue.Rebuilt.Where(m => m.Table is not null))
        {
            var rows = pending.Where(d => d.GetType() == model.Document).ToList();
            if (rows.Count == 0) continue;
            await using var connection = store.Storage.Database.CreateConnection();
            await connection.OpenAsync(cancellation);
            await model.Table!.InsertAsync(connection, Catalogue.TableOf(model, store.Options), rows, cancellation);
            pending.RemoveAll(d => d.GetType() == model.Document);
        }
        if (pending.Count == 0) return;
        try
        {
            // Straight into the tables: the tables were emptied above, so a clash is rare.
            await store.BulkInsertDocumentsAsync(pending, BulkInsertMode.InsertsOnly, DocumentsPerCopy, cancellation);
        }
        catch (Exception e) when (DatabaseErrors.IsUniqueViolation(e))
        {
            // A row already there was written by a commit made while the rebuild runs (a new story, the flag
            // daemon catching up): it is at least as new as this replay's view of the events, so it is kept.
            // The failed COPY left nothing behind; this one goes through a scratch table and skips such rows.
            await store.BulkInsertDocumentsAsync(pending, BulkInsertMode.IgnoreDuplicates, DocumentsPerCopy, cancellation);
        }
        pending.Clear();
    }
}
