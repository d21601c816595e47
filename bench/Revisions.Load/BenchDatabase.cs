using System.Diagnostics;
using Npgsql;
using Revisions.Api.Hosting;

namespace Revisions.Load;

/// <summary>
/// A PostgreSQL of the benchmark's own with the server's default durability (fsync on, synchronous commit):
/// the API's saves and the pgbench anchor hit the same server, so their ratio is what the figures mean.
/// Its data directory is deleted when the run ends.
/// </summary>
public sealed class BenchDatabase : IDisposable
{
    private readonly PrivatePostgres _server;
    private readonly string _directory;

    public string ConnectionString { get; }

    private BenchDatabase(PrivatePostgres server, string directory, string connectionString)
    {
        _server = server;
        _directory = directory;
        ConnectionString = connectionString;
    }

    public int Port => _server.Port;

    /// <summary>The connection string of another database on this server, created if it is not there yet.</summary>
    public async Task<string> OtherDatabaseAsync(string name)
    {
        await _server.EnsureDatabaseAsync(name);
        return new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ConnectionString;
    }

    public static async Task<BenchDatabase> StartAsync()
    {
        // Per user: a folder another user's run created would not be writable here.
        var directory = Path.Combine(Path.GetTempPath(), $"revisions-bench-{Environment.UserName}", $"{Environment.ProcessId}");
        if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        // throwaway: false keeps fsync and synchronous_commit on, as in production.
        var server = PrivatePostgres.Start(directory, throwaway: false);
        if (StatementStatistics is not null)
        {
            // The statistics module loads only at start-up: set it, then start the server again.
            await using (var admin = new NpgsqlConnection(server.ConnectionString("postgres")))
            {
                await admin.OpenAsync();
                await using var preload = new NpgsqlCommand("alter system set shared_preload_libraries = 'pg_stat_statements'", admin);
                await preload.ExecuteNonQueryAsync();
            }
            server.Dispose();
            server = PrivatePostgres.Start(directory, throwaway: false);
        }
        await server.EnsureDatabaseAsync("bench");
        var connection = new NpgsqlConnectionStringBuilder(server.ConnectionString("bench")) { MaxPoolSize = 100 }.ConnectionString;
        CpuTime.Postmaster = server.PostmasterPid;
        var db = new BenchDatabase(server, directory, connection);
        if (StatementStatistics is not null) await db.ScalarAsync<object>("create extension if not exists pg_stat_statements");
        if (StatementLog is not null)
        {
            await db.ScalarAsync<object>("alter system set log_statement = 'all'");
            await db.ScalarAsync<object>("select pg_reload_conf()");
        }
        return db;
    }

    public Task<string> SettingAsync(string name) => ScalarAsync<string>($"show {name}");

    /// <summary>Bytes of WAL the server has written so far (its current write position).</summary>
    public Task<decimal> WalBytesAsync() => ScalarAsync<decimal>("select pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')");

    /// <summary>The one value <paramref name="sql"/> returns, over a connection of its own.</summary>
    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>
    /// pgbench with a one-row insert per transaction: how many durable commits this server takes per second
    /// with <paramref name="clients"/> connections. Returns (tps, mean latency in ms).
    /// </summary>
    public async Task<(double Tps, double LatencyMs)> PgbenchInsertAsync(int clients, int seconds)
    {
        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand(
                "create table if not exists bench_insert (id bigserial primary key, at timestamptz not null default now(), payload text)", connection);
            await create.ExecuteNonQueryAsync();
        }
        var script = Path.Combine(Path.GetTempPath(), $"revisions-bench-insert-{Environment.ProcessId}.sql");
        await File.WriteAllTextAsync(script, "insert into bench_insert (payload) values ('one row');\n");
        var info = new ProcessStartInfo("pgbench",
            ["-n", "-c", clients.ToString(), "-j", Math.Min(clients, 2).ToString(), "-T", seconds.ToString(), "-f", script,
             "-h", "127.0.0.1", "-p", Port.ToString(), "-U", "postgres", "bench"])
        { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var process = Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        File.Delete(script);
        if (process.ExitCode != 0) throw new InvalidOperationException($"pgbench failed: {errors}{output}");
        return (Number(output, "tps = "), Number(output, "latency average = "));
    }

    private static double Number(string output, string label)
    {
        var start = output.IndexOf(label, StringComparison.Ordinal) + label.Length;
        var end = output.IndexOf(' ', start);
        return double.Parse(output[start..end], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>With REVISIONS_BENCH_PG_LOG=FILE, the server logs every statement and its log is kept there at the end.</summary>
    private static readonly string? StatementLog = Environment.GetEnvironmentVariable("REVISIONS_BENCH_PG_LOG");

    /// <summary>
    /// With REVISIONS_BENCH_PG_STATEMENTS=FILE, the server keeps statistics per statement (pg_stat_statements), and
    /// the statements that took most of its time are written there at the end, with their calls, time and WAL.
    /// </summary>
    private static readonly string? StatementStatistics = Environment.GetEnvironmentVariable("REVISIONS_BENCH_PG_STATEMENTS");

    private void WriteStatementStatistics()
    {
        if (StatementStatistics is null) return;
        using var connection = new NpgsqlConnection(ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(
            "select calls, round(total_exec_time::numeric, 1), round((total_exec_time / calls)::numeric, 3), rows, wal_bytes, " +
            "left(regexp_replace(query, '\\s+', ' ', 'g'), 400) from pg_stat_statements where calls > 0 order by total_exec_time desc limit 60", connection);
        using var reader = command.ExecuteReader();
        using var file = new StreamWriter(StatementStatistics);
        file.WriteLine("calls\ttotal ms\tmean ms\trows\tWAL bytes\tstatement");
        while (reader.Read())
            file.WriteLine($"{reader.GetInt64(0)}\t{reader.GetDecimal(1)}\t{reader.GetDecimal(2)}\t{reader.GetInt64(3)}\t{reader.GetDecimal(4)}\t{reader.GetString(5)}");
    }

    public void Dispose()
    {
        WriteStatementStatistics();
        _server.Dispose();
        if (StatementLog is not null && File.Exists(_server.LogFile)) File.Copy(_server.LogFile, StatementLog, overwrite: true);
        try { Directory.Delete(_directory, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
