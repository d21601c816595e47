using Npgsql;
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
}
