using System.Net;
using System.Text.Json;
using Marten;
using Npgsql;
using Revisions.Api.Evidence;
using Revisions.Api.Http;
using Revisions.Api.Tests.Infrastructure;
using Revisions.Evidence;

namespace Revisions.Api.Tests.Evidence;

/// <summary>
/// Someone with access to the database changes a story's history behind the API's back. Verification names
/// each story they touched and the version where its history no longer holds, whatever they changed.
/// (Stories here have no legal hold: the database itself refuses changes to held stories.)
/// </summary>
public class when_someone_tampers_with_the_store(ApiFixture api) : IClassFixture<ApiFixture>
{
    private readonly Newsroom newsroom = api.Newsroom;
    private readonly Newsroom legal = Newsroom.As(api.Host.Server.CreateClient(), Roles.Legal);

    /// <summary>Created, published, revised and published again; <c>Last</c> is its latest version.</summary>
    private async Task<(Guid Id, long Last)> Story(string headline)
    {
        var id = (await newsroom.Create(SeedStory.Version(1) with { Headline = headline })).Body.Id.ToString();
        await newsroom.Publish(id, 1);
        await newsroom.Revise(id, SeedStory.Version(2) with { Headline = headline }, 2);
        var last = (await newsroom.Publish(id, 3)).Body.Version;
        last.ShouldBeGreaterThanOrEqualTo(4);
        return (Guid.Parse(id), last);
    }

    private async Task<JsonElement> Verify()
    {
        var answer = await legal.Get<JsonElement>("/api/integrity/verify");
        answer.Status.ShouldBe(HttpStatusCode.OK);
        return answer.Body;
    }

    /// <summary>What the report says is broken in <paramref name="story"/>: version and reason.</summary>
    private static List<(long Version, string Reason)> BrokenIn(JsonElement report, Guid story) =>
        report.GetProperty("broken").EnumerateArray()
            .Where(b => b.GetProperty("storyId").GetGuid() == story)
            .Select(b => (b.GetProperty("version").GetInt64(), b.GetProperty("reason").GetString()!))
            .ToList();

    private async Task<int> Sql(string sql, Guid story, long version = 0)
    {
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("id", story);
        command.Parameters.AddWithValue("version", version);
        command.Parameters.AddWithValue("key", ChainLink.Key(story, version));
        return await command.ExecuteNonQueryAsync();
    }

    private Task<int> ChangeEvent(Guid story, long version) => Sql(
        "update revisions.mt_events set data = jsonb_set(data, '{content,headline}', '\"Quietly changed\"') where stream_id = @id and version = @version",
        story, version);

    private Task<int> DeleteEvent(Guid story, long version) =>
        Sql("delete from revisions.mt_events where stream_id = @id and version = @version", story, version);

    private Task<int> DeleteLink(Guid story, long version) => Sql("delete from revisions.mt_doc_chainlink where id = @key", story, version);

    /// <summary>A copy of the event at <paramref name="version"/> as a new row after it, as a forger would add one.</summary>
    private Task<int> InsertEventAfter(Guid story, long version) => Sql(
        """
        insert into revisions.mt_events (seq_id, id, stream_id, version, data, type, timestamp, tenant_id, mt_dotnet_type, is_archived)
        select nextval('revisions.mt_events_sequence'), gen_random_uuid(), stream_id, version + 1, data, type, timestamp + interval '1 minute',
               tenant_id, mt_dotnet_type, is_archived
        from revisions.mt_events where stream_id = @id and version = @version
        """, story, version);

    [Fact]
    public async Task a_changed_event_is_named_with_its_version()
    {
        var (story, _) = await Story("Changed event");
        (await ChangeEvent(story, 3)).ShouldBe(1);

        var report = await Verify();
        report.GetProperty("ok").GetBoolean().ShouldBeFalse();
        var broken = BrokenIn(report, story);
        broken.Select(b => b.Version).ShouldBe([3]);
        broken[0].Reason.ShouldContain("content differs");
    }

    [Fact]
    public async Task a_deleted_event_is_named_with_its_version()
    {
        var (story, _) = await Story("Deleted event");
        (await DeleteEvent(story, 2)).ShouldBe(1);

        var broken = BrokenIn(await Verify(), story);
        broken.Select(b => b.Version).ShouldBe([2]);
        broken[0].Reason.ShouldContain("event is missing");
    }

    [Fact]
    public async Task an_inserted_event_row_is_named_with_its_version()
    {
        var (story, last) = await Story("Inserted event");
        (await InsertEventAfter(story, last)).ShouldBe(1);

        var broken = BrokenIn(await Verify(), story);
        broken.Select(b => b.Version).ShouldBe([last + 1]);
        broken[0].Reason.ShouldContain("no chain link");
    }

    [Fact]
    public async Task a_deleted_chain_link_is_named_with_its_version()
    {
        var (story, _) = await Story("Deleted link");
        (await DeleteLink(story, 2)).ShouldBe(1);

        var broken = BrokenIn(await Verify(), story);
        broken.Select(b => b.Version).ShouldBe([2]);
        broken[0].Reason.ShouldContain("no chain link");
    }

    [Fact]
    public async Task a_story_whose_last_event_and_its_link_were_deleted_is_named_with_that_version()
    {
        var (story, last) = await Story("Deleted tail");
        (await DeleteEvent(story, last)).ShouldBe(1);
        (await DeleteLink(story, last)).ShouldBe(1);

        var report = await Verify();
        report.GetProperty("ok").GetBoolean().ShouldBeFalse();
        report.GetProperty("firstBroken").ValueKind.ShouldBe(JsonValueKind.Object);
        var broken = BrokenIn(report, story);
        broken.Select(b => b.Version).ShouldBe([last]);
        broken[0].Reason.ShouldContain("the event and its chain link are missing");
        broken[0].Reason.ShouldContain($"stream table records version {last}");
    }

    [Fact]
    public async Task a_deleted_tail_covered_up_in_the_stream_table_and_the_story_is_named_by_the_signed_checkpoint()
    {
        var (story, last) = await Story("Deleted tail, covered up");
        (await newsroom.Send<JsonElement>(HttpMethod.Post, "/api/integrity/checkpoints", null, new { })).Status.ShouldBe(HttpStatusCode.Created);
        (await DeleteEvent(story, last)).ShouldBe(1);
        (await DeleteLink(story, last)).ShouldBe(1);
        (await Sql("update revisions.mt_streams set version = @version where id = @id", story, last - 1)).ShouldBe(1);
        (await Sql("update revisions.mt_doc_story set data = jsonb_set(data, '{version}', to_jsonb(@version)) where id = @id", story, last - 1)).ShouldBe(1);

        var report = await Verify();
        var broken = BrokenIn(report, story);
        broken.Select(b => b.Version).ShouldBe([last]);
        broken[0].Reason.ShouldContain($"signed version {last}");
        report.GetProperty("checkpoints").EnumerateArray().ShouldContain(c => !c.GetProperty("rootMatches").GetBoolean());
    }

    [Fact]
    public async Task an_edit_with_its_links_rewritten_to_match_is_named_by_the_signed_checkpoint()
    {
        var (story, last) = await Story("Links rewritten");
        (await newsroom.Send<JsonElement>(HttpMethod.Post, "/api/integrity/checkpoints", null, new { })).Status.ShouldBe(HttpStatusCode.Created);
        (await ChangeEvent(story, 3)).ShouldBe(1);
        await RechainFrom(story, 3);

        var broken = BrokenIn(await Verify(), story);
        broken.Select(b => b.Version).ShouldBe([last]);
        broken[0].Reason.ShouldContain("not the one checkpoint");
    }

    [Fact]
    public async Task every_tampered_story_is_named_not_only_the_first()
    {
        var (first, _) = await Story("First of two tampered");
        var (untouched, _) = await Story("Left alone");
        var (second, _) = await Story("Second of two tampered");
        (await ChangeEvent(first, 1)).ShouldBe(1);
        (await DeleteLink(second, 3)).ShouldBe(1);

        var report = await Verify();
        BrokenIn(report, first).Select(b => b.Version).ShouldBe([1]);
        BrokenIn(report, second).Select(b => b.Version).ShouldBe([3]);
        BrokenIn(report, untouched).ShouldBeEmpty();
    }

    /// <summary>Recomputes the story's links from <paramref name="version"/> on, as a forger without the signing key would.</summary>
    private async Task RechainFrom(Guid story, long version)
    {
        await using var session = api.Store.LightweightSession();
        var links = (await session.Query<ChainLink>().Where(l => l.StoryId == story).ToListAsync()).OrderBy(l => l.Version).ToList();
        var previous = links.Single(l => l.Version == version - 1).Hash;
        foreach (var link in links.Where(l => l.Version >= version))
        {
            await using var connection = new NpgsqlConnection(api.ConnectionString);
            await connection.OpenAsync();
            await using var read = new NpgsqlCommand("select data::text from revisions.mt_events where stream_id = @id and version = @version", connection);
            read.Parameters.AddWithValue("id", story);
            read.Parameters.AddWithValue("version", link.Version);
            var contentHash = Chain.ContentHash((string)(await read.ExecuteScalarAsync())!);
            var hash = Chain.LinkHash(previous, link.Type, link.Version, link.Timestamp, contentHash);
            session.Store(link with { ContentHash = contentHash, PreviousHash = previous, Hash = hash });
            previous = hash;
        }
        await session.SaveChangesAsync();
    }
}
