using System.Diagnostics;
using System.Text.Json;
using JasperFx;
using JasperFx.Events;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Revisions.Api.Hosting;
using Revisions.Api.Stories;
using Revisions.Domain.Stories;
using Weasel.Core;

namespace Revisions.Load;

/// <summary>
/// The server side of the save benchmarks, run in a process of its own (<c>Revisions.Load serve</c>) so that the
/// load driver's CPU and allocations are not the server's. It is the API as shipped (<see cref="BenchHost"/>) plus
/// the two floors a save is measured against, mapped before the API's pipeline:
/// <list type="bullet">
/// <item><c>PUT /bench/floor/{id}</c>: reads the same body into the same request type with the API's JSON options
/// and inserts it as one jsonb row in one transaction — what any durable HTTP save of this body costs;</item>
/// <item><c>PUT /bench/append/{id}</c>: the same, but appends the body as a <c>StoryRevised</c> with Marten to a
/// store of its own that has no projections (quick append) — the event store's own floor;</item>
/// <item><c>GET /bench/stats</c>: this process's CPU time, allocated bytes, methods JIT-compiled and database
/// round trips so far, so the driver can divide each phase's difference by its saves;</item>
/// <item><c>POST /bench/seed</c>: a story with many versions, appended through the inline projections in
/// transactions of 100 (growth with the number of versions).</item>
/// </list>
/// </summary>
public static class SaveServer
{
    public const string AddressLine = "bench server listening on ";

    public static async Task<int> RunAsync()
    {
        var connectionString = Environment.GetEnvironmentVariable("REVISIONS_BENCH_CONNECTION")!;
        var key = Environment.GetEnvironmentVariable("REVISIONS_BENCH_TOKEN_KEY")!;
        using var trips = new RoundTrips(print: false);
        using var sampler = Environment.GetEnvironmentVariable("REVISIONS_BENCH_ALLOC") == "1" ? new AllocationSampler() : null;
        await using var floors = await Floors.CreateAsync(connectionString);
        await using var host = BenchHost.Start(connectionString, key, new FloorEndpoints(floors, trips));
        Console.WriteLine(AddressLine + host.Address);
        // Runs until the driver closes its end of standard input (or dies).
        await Console.In.ReadToEndAsync();
        sampler?.Print();
        return 0;
    }

    /// <summary>The raw Marten store and the plain table of the floors, in schemas of their own.</summary>
    public sealed class Floors : IAsyncDisposable
    {
        private Floors(NpgsqlDataSource data, DocumentStore append) => (Data, Append) = (data, append);

        public NpgsqlDataSource Data { get; }
        public DocumentStore Append { get; }

        public static async Task<Floors> CreateAsync(string connectionString)
        {
            var prepared = Database.WithPreparedStatements(connectionString);
            var data = NpgsqlDataSource.Create(prepared);
            await using (var create = data.CreateCommand(
                "create schema if not exists bench_floor; " +
                "create table if not exists bench_floor.saves (id bigserial primary key, story_id uuid not null, at timestamptz not null default now(), data jsonb not null)"))
                await create.ExecuteNonQueryAsync();
            var append = DocumentStore.For(o =>
            {
                o.Connection(prepared);
                o.DatabaseSchemaName = "bench_append";
                o.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase);
                o.Events.StreamIdentity = StreamIdentity.AsGuid;
                o.Events.AppendMode = EventAppendMode.Quick;
                o.Events.AddEventTypes(StoryEventKinds.All);
                o.AutoCreateSchemaObjects = AutoCreate.All;
            });
            await append.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
            return new Floors(data, append);
        }

        public async ValueTask DisposeAsync()
        {
            await Data.DisposeAsync();
            Append.Dispose();
        }
    }

    private sealed class FloorEndpoints(Floors floors, RoundTrips trips) : IStartupFilter
    {
        private static readonly JsonSerializerOptions Json = Corpus.Json;

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Map("/bench/floor", floor => floor.Run(async context =>
            {
                var id = Guid.Parse(context.Request.Path.Value!.Trim('/'));
                var command = await JsonSerializer.DeserializeAsync<ReviseStory>(context.Request.Body, Json, context.RequestAborted);
                await using var connection = await floors.Data.OpenConnectionAsync(context.RequestAborted);
                await using var transaction = await connection.BeginTransactionAsync(context.RequestAborted);
                await using (var insert = new NpgsqlCommand("insert into bench_floor.saves (story_id, data) values ($1, $2)", connection, transaction))
                {
                    insert.Parameters.Add(new NpgsqlParameter { Value = id });
                    insert.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(command, Json), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Jsonb });
                    await insert.ExecuteNonQueryAsync(context.RequestAborted);
                }
                await transaction.CommitAsync(context.RequestAborted);
                context.Response.StatusCode = 204;
            }));
            app.Map("/bench/append", append => append.Run(async context =>
            {
                var id = Guid.Parse(context.Request.Path.Value!.Trim('/'));
                var command = (await JsonSerializer.DeserializeAsync<ReviseStory>(context.Request.Body, Json, context.RequestAborted))!;
                await using var session = floors.Append.LightweightSession();
                var content = command.ToContent().Normalised();
                session.Events.Append(id, new StoryRevised(id, content, [StoryContent.Fields.Body], "Bench Editor", command.Note));
                await session.SaveChangesAsync(context.RequestAborted);
                context.Response.StatusCode = 204;
            }));
            app.Map("/bench/stats", stats => stats.Run(context =>
            {
                var process = Process.GetCurrentProcess();
                return context.Response.WriteAsJsonAsync(new ServerStats(
                    process.TotalProcessorTime.TotalSeconds, GC.GetTotalAllocatedBytes(precise: false),
                    System.Runtime.JitInfo.GetCompiledMethodCount(), System.Runtime.JitInfo.GetCompilationTime().TotalSeconds,
                    trips.Count, GC.CollectionCount(0), GC.CollectionCount(2)));
            }));
            app.Map("/bench/seed", seed => seed.Run(async context =>
            {
                var query = context.Request.Query;
                int Get(string name) => int.Parse(query[name].ToString(), System.Globalization.CultureInfo.InvariantCulture);
                var content = Corpus.NewStory(Get("seed"), paragraphs: Get("paragraphs"), wordsEach: 50);
                var store = context.RequestServices.GetRequiredService<IDocumentStore>();
                var id = await Corpus.SeedRevisionsAsync(store, $"seed-{Guid.NewGuid():N}"[..30], content, Get("versions") - 1, perTransaction: 100, seed: Get("seed"));
                await context.Response.WriteAsJsonAsync(new { id });
            }));
            next(app);
        };
    }
}

/// <summary>What the server process had used so far: CPU, allocations, JIT work and database round trips.</summary>
public sealed record ServerStats(double CpuSeconds, long AllocatedBytes, long JitMethods, double JitSeconds, long RoundTrips, int Gen0, int Gen2)
{
    public static ServerStats operator -(ServerStats a, ServerStats b) => new(a.CpuSeconds - b.CpuSeconds, a.AllocatedBytes - b.AllocatedBytes,
        a.JitMethods - b.JitMethods, a.JitSeconds - b.JitSeconds, a.RoundTrips - b.RoundTrips, a.Gen0 - b.Gen0, a.Gen2 - b.Gen2);
}

/// <summary>
/// With REVISIONS_BENCH_ALLOC=1 the server samples its allocations (the runtime's allocation ticks, one per ~100 KB)
/// and prints the types that took most when it stops: where a save's allocations go, roughly.
/// </summary>
public sealed class AllocationSampler : System.Diagnostics.Tracing.EventListener
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> _bytes = new();

    protected override void OnEventSourceCreated(System.Diagnostics.Tracing.EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
            EnableEvents(source, System.Diagnostics.Tracing.EventLevel.Verbose, (System.Diagnostics.Tracing.EventKeywords)0x1);
    }

    protected override void OnEventWritten(System.Diagnostics.Tracing.EventWrittenEventArgs e)
    {
        if (e.EventName != "GCAllocationTick_V4" || e.Payload is null) return;
        var type = e.Payload[e.PayloadNames!.IndexOf("TypeName")]?.ToString() ?? "?";
        var amount = Convert.ToInt64(e.Payload[e.PayloadNames!.IndexOf("AllocationAmount64")]);
        _bytes.AddOrUpdate(type, amount, (_, b) => b + amount);
    }

    public void Print()
    {
        var total = _bytes.Values.Sum();
        foreach (var (type, bytes) in _bytes.OrderByDescending(t => t.Value).Take(40))
            Console.Error.WriteLine($"alloc {100.0 * bytes / total,5:F1}%  {type}");
    }
}
