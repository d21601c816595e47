using System.Text.Json;
using Npgsql;
using Revisions.Api.Tests.Corrections;
using Revisions.Api.Tests.Infrastructure;

namespace Revisions.Api.Tests.Stories;

public class when_storing_story_content(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task events_and_story_rows_are_compressed_with_lz4_and_read_back_whole()
    {
        var id = (await api.Newsroom.Create(SeedStory.Version(1))).Body.Id.ToString();
        await api.Newsroom.Revise(id, SeedStory.Version(2), 1);

        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        await using var supported = new NpgsqlCommand(
            "select 'lz4' = any(enumvals) from pg_settings where name = 'default_toast_compression'", connection);
        if (await supported.ExecuteScalarAsync() is not true) return; // a server built without LZ4 keeps pglz

        foreach (var table in new[] { "mt_events", "mt_doc_story", "mt_doc_publishedstory", "mt_doc_storyversion" })
        {
            await using var method = new NpgsqlCommand(
                $"select attcompression from pg_attribute where attrelid = 'revisions.{table}'::regclass and attname = 'data'", connection);
            (await method.ExecuteScalarAsync()).ShouldBe('l', table);
        }
        // The seed story is long enough to be compressed; it comes back exactly as saved.
        await using var compressed = new NpgsqlCommand(
            "select count(*) from revisions.mt_events where pg_column_compression(data) = 'lz4'", connection);
        ((long)(await compressed.ExecuteScalarAsync())!).ShouldBeGreaterThan(0);
        (await api.Newsroom.GetVersion(id, 2)).Body.Headline.ShouldBe(SeedStory.Version(2).Headline);
    }

    [Fact]
    public async Task a_story_row_keeps_the_state_and_leaves_the_content_to_the_event_that_set_it()
    {
        var id = (await api.Newsroom.Create(SeedStory.Version(1))).Body.Id.ToString();
        await api.Newsroom.Revise(id, SeedStory.Version(2), 1);
        (await api.Newsroom.AddNote(id, "update", "Added the minister's reply.")).Status.ShouldBe(System.Net.HttpStatusCode.Created);

        (await RowAsync(id)).ShouldBe((false, 2, 3));
        (await api.Newsroom.Get(id)).Body.Headline.ShouldBe(SeedStory.Version(2).Headline);
        (await ListedHeadlinesAsync(id)).ShouldBe([SeedStory.Version(2).Headline, SeedStory.Version(2).Headline]);
    }

    [Fact]
    public async Task a_row_stored_with_its_content_by_an_earlier_release_reads_the_content_from_the_event_and_loses_it_at_the_next_save()
    {
        var id = (await api.Newsroom.Create(SeedStory.Version(1))).Body.Id.ToString();
        await api.Newsroom.Revise(id, SeedStory.Version(2), 1);
        // As an earlier release stored it, and stale: the row carries version 1's content while version 2's is current.
        await using (var connection = new NpgsqlConnection(api.ConnectionString))
        {
            await connection.OpenAsync();
            await using var old = new NpgsqlCommand("""
                update revisions.mt_doc_story s set data = jsonb_set(s.data, '{content}', e.data -> 'content'), mt_dotnet_type = 'Revisions.Domain.Stories.Story'
                from revisions.mt_events e where e.stream_id = s.id and e.version = 1 and s.id = @id
                """, connection);
            old.Parameters.AddWithValue("id", Guid.Parse(id));
            (await old.ExecuteNonQueryAsync()).ShouldBe(1);
        }
        (await RowAsync(id)).ShouldBe((true, 2, 2));

        (await api.Newsroom.Get(id)).Body.Headline.ShouldBe(SeedStory.Version(2).Headline);
        (await ListedHeadlinesAsync(id)).ShouldBe([SeedStory.Version(2).Headline, SeedStory.Version(2).Headline]);
        // Back to the first version's content: the save reads the content it changes from the event, not the row.
        var saved = await api.Newsroom.Revise(id, SeedStory.Version(1), 2);
        saved.Body.Version.ShouldBe(3);
        saved.Body.Headline.ShouldBe(SeedStory.Version(1).Headline);
        (await RowAsync(id)).ShouldBe((false, 3, 3));
    }

    /// <summary>The story's headline in the newsroom's list, and as the search for its headline's first word finds it.</summary>
    private async Task<string?[]> ListedHeadlinesAsync(string id)
    {
        string? HeadlineIn(JsonElement page) => page.GetProperty("items").EnumerateArray()
            .Where(s => s.GetProperty("id").GetString() == id).Select(s => s.GetProperty("headline").GetString()).SingleOrDefault();
        var word = SeedStory.Version(2).Headline.Split(' ')[0];
        return [HeadlineIn((await api.Newsroom.Get<JsonElement>("/api/stories?pageSize=100")).Body),
            HeadlineIn((await api.Newsroom.Get<JsonElement>($"/api/stories?q={Uri.EscapeDataString(word)}&pageSize=100")).Body)];
    }

    /// <summary>Whether the story's row holds content, and the content version and version it names.</summary>
    private async Task<(bool HasContent, int ContentVersion, int Version)> RowAsync(string id)
    {
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select data ? 'content', (data ->> 'contentVersion')::int, (data ->> 'version')::int from revisions.mt_doc_story where id = @id", connection);
        command.Parameters.AddWithValue("id", Guid.Parse(id));
        await using var reader = await command.ExecuteReaderAsync();
        (await reader.ReadAsync()).ShouldBeTrue();
        return (reader.GetBoolean(0), reader.GetInt32(1), reader.GetInt32(2));
    }
}
