using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Npgsql;
using Revisions.Api.Tests.Corrections;
using Revisions.Api.Tests.Infrastructure;
using Revisions.Api.Tests.Public;
using Revisions.Api.Tests.Security;
using Xunit.Abstractions;

namespace Revisions.Api.Tests.ScaleOut;

/// <summary>
/// Two API processes over one fresh database, as two nodes behind a load balancer. Runs with the crash test,
/// alone, so that two process start-ups and a kill are not timed against the rest of the suite.
/// </summary>
[Collection(nameof(Crashes))]
public class when_two_nodes_share_one_database(ITestOutputHelper output)
{
    private const int SavesEach = 8;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private static readonly string[] ReadModels =
        ["mt_doc_story", "mt_doc_publishedstory", "mt_doc_storyversion", "mt_doc_correctionentry", "mt_doc_stealtheditflag"];

    [Fact]
    public async Task writes_live_updates_flags_and_a_rebuild_work_across_them()
    {
        var watch = Stopwatch.StartNew();
        var connection = await TestPostgres.CreateDatabaseAsync("two_nodes");
        var (a, b) = await StartTwoNodes(connection);
        await using var _ = a;
        await using var __ = b;
        var nodeA = new Newsroom(Client(a));
        var nodeB = new Newsroom(Client(b));
        output.WriteLine($"two nodes ready in {watch.Elapsed.TotalSeconds:F1} s");

        var conflicts = await TwoEditorsAlternateNodes(nodeA, nodeB);
        output.WriteLine($"{2 * SavesEach} saves through both nodes, {conflicts} 409s retried, at {watch.Elapsed.TotalSeconds:F1} s");

        var delay = await ReaderOnBSeesPublishOnA(nodeA, nodeB);
        output.WriteLine($"a publish on A reached a reader on B in {delay.TotalMilliseconds:F0} ms");

        var (storyId, version) = await nodeA.PublishedStory(SeedStory.Version(1) with { Headline = "Flag across nodes" });
        await nodeA.ReviseAndPublish(storyId, version, SeedStory.Version(2) with { Headline = "Flag across nodes" });
        // The flag list is written with the publish, so the other node lists the flag as soon as the publish returns.
        (await FlagsOf(nodeB, storyId)).ShouldBe(1, "node B lists the flag raised through node A");
        (await FlagsOf(nodeA, storyId)).ShouldBe(1);

        // A save queues its story for the search index; a search through the other node writes it before reading.
        var searched = await nodeA.PublishedStory(SeedStory.Version(1) with { Headline = "Search across nodes" });
        (await nodeA.Revise(searched.Id, SeedStory.Version(1) with { Headline = "Search across nodes", Standfirst = "Quarrymen meet at dawn." },
            searched.Version)).Status.ShouldBe(HttpStatusCode.OK);
        (await nodeB.Get<JsonElement>("/api/stories?q=quarrymen")).Body.GetProperty("items").EnumerateArray()
            .Select(s => s.GetProperty("id").GetString()).ShouldContain(searched.Id, "node B finds what was saved through node A");

        var inline = await SnapshotAsync(connection);
        var killed = await KillDuringRebuild(a, connection);
        output.WriteLine(killed ? "node A killed mid-rebuild" : "node A killed after its rebuild had finished");

        var admin = Newsroom.As(Client(b), Api.Http.Roles.Admin);
        (await admin.Send<JsonElement>(HttpMethod.Post, "/api/admin/projections/rebuild", null, null)).Status.ShouldBe(HttpStatusCode.OK);
        var afterKill = await SnapshotAsync(connection);
        (await admin.Send<JsonElement>(HttpMethod.Post, "/api/admin/projections/rebuild", null, null)).Status.ShouldBe(HttpStatusCode.OK);
        var fresh = await SnapshotAsync(connection);

        afterKill.ShouldBe(fresh);
        afterKill.ShouldBe(inline);
        output.WriteLine($"done in {watch.Elapsed.TotalSeconds:F1} s");
    }

    private static async Task<(ApiProcess, ApiProcess)> StartTwoNodes(string connection)
    {
        var starting = new[] { ApiProcess.StartAsync(connection, TimeSpan.FromSeconds(60)), ApiProcess.StartAsync(connection, TimeSpan.FromSeconds(60)) };
        try
        {
            await Task.WhenAll(starting);
        }
        catch
        {
            foreach (var started in starting.Where(s => s.IsCompletedSuccessfully)) await (await started).DisposeAsync();
            throw;
        }
        return (await starting[0], await starting[1]);
    }

    /// <summary>Two editors save one story, each alternating nodes and naming the version they read (If-Match).</summary>
    private static async Task<int> TwoEditorsAlternateNodes(Newsroom a, Newsroom b)
    {
        var id = (await a.Create(Reader.Story("Two nodes", "start"))).Body.Id.ToString();
        var conflicts = 0;
        async Task Edit(int editor)
        {
            for (var i = 0; i < SavesEach; i++)
            {
                var node = (i + editor) % 2 == 0 ? a : b;
                var marker = $"e{editor}-save-{i}";
                for (var attempt = 0; ; attempt++)
                {
                    attempt.ShouldBeLessThan(50, "a save kept losing the race");
                    var current = (await node.Get(id)).Body.Version;
                    var saved = await node.Revise(id, Reader.Story("Two nodes", marker), current, editor: $"Editor {editor}");
                    if (saved.Status == HttpStatusCode.OK) break;
                    saved.Status.ShouldBe(HttpStatusCode.Conflict);
                    Interlocked.Increment(ref conflicts);
                }
            }
        }
        await Task.WhenAll(Edit(0), Edit(1)).WaitAsync(TimeSpan.FromSeconds(60));

        var versions = (await b.Versions(id)).Body;
        versions.Count.ShouldBe(1 + 2 * SavesEach);
        versions.Select(v => v.Version).ShouldBe(Enumerable.Range(1, 1 + 2 * SavesEach));
        return conflicts;
    }

    private static async Task<TimeSpan> ReaderOnBSeesPublishOnA(Newsroom a, Newsroom b)
    {
        var (slug, first) = await a.Publish(Reader.Story("Count under way", "Counting began at ten."));
        using var timeout = new CancellationTokenSource(Bound);
        using var response = await b.Client.GetAsync($"/stories/{slug}/live?since={first}", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var stream = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        await ReadUntil(stream, ": connected", timeout.Token);

        await a.SaveNow(slug, Reader.Story("Count under way", "Counting began at ten.", "First results at midnight."));
        var clock = Stopwatch.StartNew();
        var published = await a.PublishNow(slug);
        (await ReadUntil(stream, "\n\n", timeout.Token, after: "event: update")).ShouldContain($"id: {published}\n");
        return clock.Elapsed;
    }

    /// <summary>Starts a rebuild on A, kills A once it has thrown the read models away (or finished), returns which.</summary>
    private static async Task<bool> KillDuringRebuild(ApiProcess a, string connection)
    {
        var admin = Newsroom.As(Client(a), Api.Http.Roles.Admin);
        var before = await CountAsync(connection, "mt_doc_storyversion");
        var rebuild = admin.Client.PostAsync("/api/admin/projections/rebuild", null);
        var clock = Stopwatch.StartNew();
        var midway = false;
        while (!rebuild.IsCompleted && clock.Elapsed < Bound)
        {
            if (await CountAsync(connection, "mt_doc_storyversion") < before) { midway = !rebuild.IsCompleted; break; }
        }
        a.Kill();
        await rebuild.ContinueWith(_ => { });
        return midway;
    }

    private static async Task<int> FlagsOf(Newsroom node, string storyId) =>
        (await node.Get<List<JsonElement>>("/api/flags")).Body
        .Count(f => f.GetProperty("flag").GetProperty("storyId").GetString() == storyId);

    /// <summary>Every read model's documents as PostgreSQL stores them, in id order.</summary>
    private static async Task<string> SnapshotAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var text = new System.Text.StringBuilder();
        foreach (var table in ReadModels)
        {
            await using var command = new NpgsqlCommand($"select id::text, data::text from revisions.{table} order by id", connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) text.Append(table).Append(' ').Append(reader.GetString(0)).Append(' ').AppendLine(reader.GetString(1));
        }
        return text.ToString();
    }

    private static async Task<long> CountAsync(string connectionString, string table)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"select count(*) from revisions.{table}", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static HttpClient Client(ApiProcess node) => new() { BaseAddress = node.Address, Timeout = Bound };

    private static async Task<string> ReadUntil(StreamReader reader, string marker, CancellationToken cancellation, string? after = null)
    {
        var seen = new System.Text.StringBuilder();
        var buffer = new char[1024];
        while (true)
        {
            var text = seen.ToString();
            var start = after is null ? 0 : text.IndexOf(after, StringComparison.Ordinal);
            if (start >= 0 && text.IndexOf(marker, start, StringComparison.Ordinal) >= 0) return text;
            var read = await reader.ReadAsync(buffer.AsMemory(), cancellation);
            if (read == 0) throw new EndOfStreamException($"The stream ended; it sent: {text}");
            seen.Append(buffer, 0, read);
        }
    }
}
