using System.Net;
using Npgsql;
using Revisions.Api.Tests.Infrastructure;

namespace Revisions.Api.Tests.Stories;

/// <summary>
/// A save reads the story's state and the content of the event the state names in one round trip, each
/// statement with its own snapshot. A save committed between them moves the state on; the decision must still
/// see one version whole, never the state of one version with the content of another.
/// </summary>
public class when_a_save_reads_a_story_another_save_is_changing(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task the_decision_sees_the_content_of_the_version_it_read()
    {
        var id = (await api.Newsroom.Create(SeedStory.Version(1))).Body.Id;
        await api.Newsroom.Revise(id.ToString(), SeedStory.Version(2), 1);

        await using var other = new NpgsqlConnection(api.ConnectionString);
        await other.OpenAsync();
        await using var transaction = await other.BeginTransactionAsync();
        // The save reads the story's state, then waits for the events table to read the content.
        await using (var hold = new NpgsqlCommand("lock table revisions.mt_events in access exclusive mode", other, transaction))
            await hold.ExecuteNonQueryAsync();
        // Version 2's content again: against the content it read, nothing changes.
        var save = api.Newsroom.Revise(id.ToString(), SeedStory.Version(2), 2);
        await WaitForContentReadAsync();
        // Meanwhile the story's row moves on to name another content version, as a save committed now would leave it.
        await using (var moved = new NpgsqlCommand(
            "update revisions.mt_doc_story set data = jsonb_set(data, '{contentVersion}', '1') where id = @id", other, transaction))
        {
            moved.Parameters.AddWithValue("id", id);
            (await moved.ExecuteNonQueryAsync()).ShouldBe(1);
        }
        await transaction.CommitAsync();

        var answer = await save;
        answer.Status.ShouldBe(HttpStatusCode.OK);
        // Decided on version 1's content, the save would have stored version 2's again as version 3.
        answer.Body.Version.ShouldBe(2);
        answer.Body.Headline.ShouldBe(SeedStory.Version(2).Headline);
    }

    /// <summary>Until a backend waits for the events table with the save's content read.</summary>
    private async Task WaitForContentReadAsync()
    {
        await using var watch = new NpgsqlConnection(api.ConnectionString);
        await watch.OpenAsync();
        await using var waiting = new NpgsqlCommand(
            "select count(*) from pg_stat_activity where wait_event_type = 'Lock' and query like '%jsonb_build_object%mt_events%'", watch);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((long)(await waiting.ExecuteScalarAsync())! == 0)
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "the save never reached its content read");
            await Task.Delay(20);
        }
    }
}
