using System.Text.Json;
using Npgsql;
using Revisions.Api.Tests.Corrections;
using Revisions.Api.Tests.Infrastructure;

namespace Revisions.Api.Tests.Stories;

/// <summary>
/// Events are read back by their stored name ("story_noted"), not by the .NET type that wrote them, so moving an
/// event type to another namespace in a later release leaves every stored event readable.
/// </summary>
public class when_reading_events_stored_by_an_older_release(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task a_note_stored_under_the_old_standards_namespace_still_reads()
    {
        var newsroom = api.Newsroom;
        var id = (await newsroom.Create(SeedStory.Version(1))).Body.Id.ToString();
        await newsroom.AddNote(id, "correction", "An earlier version misspelt Keir Starmer.");

        await using (var connection = new NpgsqlConnection(api.ConnectionString))
        {
            await connection.OpenAsync();
            await using var rename = new NpgsqlCommand(
                "update revisions.mt_events set mt_dotnet_type = replace(mt_dotnet_type, 'Revisions.Domain.Corrections', 'Revisions.Domain.Standards') " +
                "where stream_id = @id and type = 'story_noted'", connection);
            rename.Parameters.AddWithValue("id", Guid.Parse(id));
            (await rename.ExecuteNonQueryAsync()).ShouldBe(1);
        }

        var events = (await newsroom.Get<JsonElement>($"/api/stories/{id}/events")).Body;
        events.EnumerateArray().Select(e => e.GetProperty("type").GetString()).ShouldBe(["created", "noted"]);
        events[1].GetProperty("data").GetProperty("text").GetString().ShouldBe("An earlier version misspelt Keir Starmer.");
    }
}
