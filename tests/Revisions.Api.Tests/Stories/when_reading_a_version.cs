using Npgsql;
using Revisions.Api.Stories;
using Revisions.Api.Tests.Infrastructure;
using Revisions.Domain.Stories;

namespace Revisions.Api.Tests.Stories;

public class when_reading_a_version(ApiFixture api) : IClassFixture<ApiFixture>
{
    private readonly Newsroom newsroom = api.Newsroom;

    [Fact]
    public async Task each_version_shows_the_content_its_event_saved_though_its_row_keeps_no_copy()
    {
        var id = (await newsroom.Create(SeedStory.Version(1))).Body.Id;
        await newsroom.Revise(id.ToString(), SeedStory.Version(2), 1);
        await newsroom.Publish(id.ToString(), 2);

        // The rows say who, when and why; the content stays in the event that saved it.
        var rows = await RowsAsync(id);
        rows.Count.ShouldBe(3);
        rows.ShouldAllBe(row => !row.Contains("\"content\"") && !row.Contains("\"body\": "));

        (await newsroom.GetVersion(id.ToString(), 1)).Body.Content().ShouldBe(SeedStory.Version(1));
        (await newsroom.GetVersion(id.ToString(), 2)).Body.Content().ShouldBe(SeedStory.Version(2));
        // A publish saves no content: it shows the content of the version it put live.
        var published = (await newsroom.GetVersion(id.ToString(), 3)).Body;
        published.Status.ShouldBe(StoryStatus.Published);
        published.Content().ShouldBe(SeedStory.Version(2));
        // An instant may be given in any offset: 14:05 in Kyiv is 12:05 UTC.
        var kyiv = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(2)).ToString("O");
        var now = await newsroom.Get(id.ToString(), $"?asOf={Uri.EscapeDataString(kyiv)}");
        now.Body.Version.ShouldBe(3);
        now.Body.Content().ShouldBe(SeedStory.Version(2));
    }

    [Fact]
    public async Task a_row_stored_with_its_content_by_an_older_release_is_read_as_it_stands()
    {
        var id = (await newsroom.Create(SeedStory.Version(1))).Body.Id;
        await newsroom.Revise(id.ToString(), SeedStory.Version(2), 1);

        // Rows written before rows stopped copying the content carry it; they need no rebuild to be read.
        await using (var connection = new NpgsqlConnection(api.ConnectionString))
        {
            await connection.OpenAsync();
            await using var copy = new NpgsqlCommand("""
                update revisions.mt_doc_storyversion v set data = jsonb_set(v.data, '{story,content}', e.data -> 'content')
                from revisions.mt_events e where v.story_id = @id and v.version = 2 and e.stream_id = v.story_id and e.version = 2
                """, connection);
            copy.Parameters.AddWithValue("id", id);
            (await copy.ExecuteNonQueryAsync()).ShouldBe(1);
        }
        (await RowsAsync(id)).Count(row => row.Contains("\"body\": ")).ShouldBe(1);

        (await newsroom.GetVersion(id.ToString(), 2)).Body.Content().ShouldBe(SeedStory.Version(2));
        (await newsroom.GetVersion(id.ToString(), 1)).Body.Content().ShouldBe(SeedStory.Version(1));
    }

    private async Task<List<string>> RowsAsync(Guid id)
    {
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select data::text from revisions.mt_doc_storyversion where story_id = @id", connection);
        command.Parameters.AddWithValue("id", id);
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) rows.Add(reader.GetString(0));
        return rows;
    }
}
