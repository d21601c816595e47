using Marten;
using Npgsql;
using Revisions.Api.ReadModels;

namespace Revisions.Api.Hosting;

/// <summary>
/// Stores the JSON of events and the story read models compressed with LZ4 instead of PostgreSQL's default
/// (pglz). A story's JSON is a few kilobytes, above the size PostgreSQL compresses at, so every save and
/// every rebuilt version row pays for compression; LZ4 costs a fraction of pglz's CPU for a similar size
/// (see bench/README.md, P6). Only new rows are affected; old ones stay readable as they are. A server built
/// without LZ4 keeps pglz, which changes nothing but speed.
/// </summary>
public sealed class ContentCompression(IDocumentStore store, ILogger<ContentCompression> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellation)
    {
        var schema = store.Options.DatabaseSchemaName;
        // The events, and the documents the catalogue marks as holding a story's content or state.
        string[] tables = ["mt_events", .. Catalogue.All.Where(m => m.Compressed)
            .Select(m => store.Options.FindOrResolveDocumentType(m.Document).TableName.Name)];
        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellation);
        // Altering takes a brief exclusive lock, so only the columns not on LZ4 yet (first start): one query.
        var pending = new List<string>();
        await using (var check = new NpgsqlCommand(
            "select c.relname from pg_attribute a join pg_class c on c.oid = a.attrelid " +
            "join pg_namespace n on n.oid = c.relnamespace " +
            "where n.nspname = @schema and c.relname = any(@tables) and a.attname = 'data' and a.attcompression <> 'l'", connection))
        {
            check.Parameters.AddWithValue("schema", schema);
            check.Parameters.AddWithValue("tables", tables);
            await using var reader = await check.ExecuteReaderAsync(cancellation);
            while (await reader.ReadAsync(cancellation)) pending.Add(reader.GetString(0));
        }
        foreach (var table in pending)
        {
            try
            {
                await using var alter = new NpgsqlCommand(
                    $"alter table {schema}.{table} alter column data set compression lz4", connection);
                await alter.ExecuteNonQueryAsync(cancellation);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.FeatureNotSupported)
            {
                logger.LogInformation("PostgreSQL was built without LZ4; {Table} keeps the default compression", table);
                return;
            }
        }
    }

    public Task StopAsync(CancellationToken cancellation) => Task.CompletedTask;
}
