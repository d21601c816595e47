using System.Net;
using System.Text.Json;
using Npgsql;
using Revisions.Api.Tests.Infrastructure;
using Revisions.Domain.Stories;
using Revisions.Evidence;

namespace Revisions.Api.Tests.Evidence;

public class when_the_law_requires_changes(ApiFixture api) : IClassFixture<ApiFixture>
{
    private readonly Newsroom newsroom = api.Newsroom;
    private const string Private = "Janet Q. Whistleblower of 14 Elm Row";

    private async Task<string> StoryNaming(string headline)
    {
        var content = new StoryContent(headline, null, null, null,
            [Block.Paragraph("Officials met in Istanbul."), Block.Paragraph($"The source, {Private}, spoke to reporters.")]);
        var id = (await newsroom.Create(content)).Body.Id.ToString();
        await newsroom.Publish(id, 1);
        await newsroom.Revise(id, content with { Body = [.. content.Body, Block.Paragraph("Talks continue on Friday.")] }, 2);
        await newsroom.Publish(id, 3);
        return id;
    }

    private Task<Answer<JsonElement>> Erase(string id, string text) =>
        newsroom.Send<JsonElement>(HttpMethod.Post, $"/api/stories/{id}/erasures", "Lee Legal", new { text, reason = "GDPR art. 17 request" });

    [Fact]
    public async Task erased_text_is_gone_from_every_table_and_the_history_still_verifies()
    {
        var id = await StoryNaming("Erasure story");
        (await newsroom.Send<JsonElement>(HttpMethod.Post, "/api/integrity/checkpoints", null, new { })).Status.ShouldBe(HttpStatusCode.Created);

        var erased = await Erase(id, Private);
        erased.Status.ShouldBe(HttpStatusCode.OK);
        erased.Body.GetProperty("versions").GetArrayLength().ShouldBe(4);

        (await TablesContaining(Private)).ShouldBeEmpty();
        (await TablesContaining("Whistleblower")).ShouldBeEmpty();
        (await newsroom.Get(id)).Body.Body[1].Text.ShouldBe("The source, [erased], spoke to reporters.");
        (await newsroom.Versions(id)).Body.Last().Kind.ShouldBe("erased");
        // Every earlier version reads its content from the masked event, so none shows the text either.
        for (var version = 1; version <= 4; version++)
        {
            var then = (await newsroom.Get<JsonElement>($"/api/stories/{id}/versions/{version}")).Body.ToString();
            then.ShouldNotContain(Private);
            then.ShouldContain("[erased]");
        }

        var report = (await newsroom.Get<JsonElement>("/api/integrity/verify")).Body;
        report.GetProperty("ok").GetBoolean().ShouldBeTrue(report.ToString());
        var bundle = await EvidenceBundles.FetchAsync(api, id);
        BundleVerifier.Verify(new MemoryStream(bundle)).Passed.ShouldBeTrue();

        (await Erase(id, "No such sentence anywhere")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await Erase(id, "ab")).Status.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task a_story_under_hold_cannot_be_erased_or_purged_until_the_hold_is_lifted()
    {
        var id = await StoryNaming("Held story");
        var placed = await newsroom.Send<JsonElement>(HttpMethod.Post, $"/api/stories/{id}/holds", "Lee Legal", new { reason = "Smith v. Daily, claim 2025/114" });
        placed.Status.ShouldBe(HttpStatusCode.Created);
        var holdId = placed.Body.GetProperty("holdId").GetString();

        (await Erase(id, Private)).Status.ShouldBe(HttpStatusCode.Conflict);
        (await newsroom.Versions(id)).Body.Last().Kind.ShouldBe("alteration-refused");
        (await TablesContaining(Private)).ShouldNotBeEmpty();

        await using (var connection = new NpgsqlConnection(api.ConnectionString))
        {
            await connection.OpenAsync();
            foreach (var sql in new[] { "delete from revisions.mt_events where stream_id = @id", "update revisions.mt_events set data = '{}' where stream_id = @id" })
            {
                await using var purge = new NpgsqlCommand(sql, connection);
                purge.Parameters.AddWithValue("id", Guid.Parse(id));
                (await Should.ThrowAsync<PostgresException>(() => purge.ExecuteNonQueryAsync())).MessageText.ShouldContain("legal hold");
            }
        }

        (await newsroom.Send<JsonElement>(HttpMethod.Post, $"/api/stories/{id}/holds/{holdId}/lift", "Lee Legal", new { reason = "Claim settled" }))
            .Status.ShouldBe(HttpStatusCode.OK);
        (await Erase(id, Private)).Status.ShouldBe(HttpStatusCode.OK);
        (await newsroom.Get<JsonElement>("/api/integrity/verify")).Body.GetProperty("ok").GetBoolean().ShouldBeTrue();
    }

    /// <summary>Every table in the store whose rows contain <paramref name="text"/> anywhere.</summary>
    private async Task<List<string>> TablesContaining(string text)
    {
        var found = new List<string>();
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("select table_schema || '.' || table_name from information_schema.tables where table_schema not in ('pg_catalog', 'information_schema') and table_type = 'BASE TABLE'", connection))
        await using (var reader = await list.ExecuteReaderAsync())
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        foreach (var table in tables)
        {
            await using var search = new NpgsqlCommand($"select count(*) from {table} t where strpos(t::text, @text) > 0", connection);
            search.Parameters.AddWithValue("text", text);
            if ((long)(await search.ExecuteScalarAsync())! > 0) found.Add(table);
        }
        return found;
    }
}
