using System.Net;
using Npgsql;
using Revisions.Api.Stories;
using Revisions.Api.Tests.Corrections;
using Revisions.Api.Tests.Infrastructure;

namespace Revisions.Api.Tests.Stories;

/// <summary>
/// A save queues its story for the search index rather than rewriting the row in its own transaction
/// (Stories/StorySearchIndexer.cs). What the newsroom relies on still holds: a search finds what was saved before
/// it, never the words a redaction withdrew, and the queue empties by itself.
/// </summary>
public class when_saves_wait_for_the_search_index(ApiFixture api) : IClassFixture<ApiFixture>
{
    private readonly Newsroom newsroom = api.Newsroom;

    private async Task<IReadOnlyList<Guid>> Found(string query) =>
        (await newsroom.Get<StoryPage>($"/api/stories?q={query}")).Body.Items.Select(s => s.Id).ToList();

    private async Task<long> Scalar(string sql)
    {
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task a_search_finds_the_last_of_many_quick_saves_and_not_the_words_they_replaced()
    {
        var (id, version) = await newsroom.PublishedStory(Standards.Story("Flood warning", "Rivers rise in Ashby."));
        string[] places = ["harbour", "lighthouse", "quarry", "orchard", "viaduct", "granary"];
        for (var i = 0; i < places.Length; i++)
            (await newsroom.Revise(id, Standards.Story("Flood warning", $"Rivers rise by the {places[i]} in Ashby."), version + i)).Status.ShouldBe(HttpStatusCode.OK);

        (await Found("granary")).ShouldContain(Guid.Parse(id));
        (await Found("viaduct")).ShouldNotContain(Guid.Parse(id), "only the latest content is searched");
        (await Scalar($"select count(*) from revisions.story_search_pending where story_id = '{id}'")).ShouldBe(0, "the search wrote what was queued");
    }

    [Fact]
    public async Task a_save_queued_before_a_redaction_never_brings_back_the_withdrawn_words()
    {
        var (id, version) = await newsroom.PublishedStory(Standards.Story("Court hears witness", "The court sat all day.", "Witness Quenby named the accused."));
        await newsroom.Revise(id, Standards.Story("Court hears witness", "The court sat all evening.", "Witness Quenby named the accused."), version);
        var redacted = await newsroom.Send<System.Text.Json.JsonElement>(HttpMethod.Post, $"/api/stories/{id}/redactions", "Lee Legal",
            new { contentVersion = 1, block = 1, reason = "Court order" });
        redacted.Status.ShouldBe(HttpStatusCode.Created);

        // The save before the redaction is still queued (the indexer runs every second; a search writes it first).
        var folded = await Scalar($"select version from revisions.story_search where story_id = '{id}' and scope = 'newsroom'");
        await StorySearchIndexer.CatchUpAsync(api.Store, waitForOthers: true, CancellationToken.None);

        (await Found("Quenby")).ShouldNotContain(Guid.Parse(id), "withdrawn words find nothing");
        (await Found("evening")).ShouldContain(Guid.Parse(id));
        (await Scalar($"select version from revisions.story_search where story_id = '{id}' and scope = 'newsroom'")).ShouldBeGreaterThanOrEqualTo(folded);
    }

    [Fact]
    public async Task the_index_never_steps_back_to_older_content()
    {
        var (id, version) = await newsroom.PublishedStory(Standards.Story("Bridge closes", "The bridge shuts on Monday."));
        await newsroom.Revise(id, Standards.Story("Bridge closes", "The bridge shuts on Tuesday."), version);
        (await Found("Tuesday")).ShouldContain(Guid.Parse(id));

        // Another indexer already wrote a newer version than any queued: a late round for the old one changes nothing.
        await Scalar($"update revisions.story_search set version = 1000 where story_id = '{id}' and scope = 'newsroom' returning 1");
        await Scalar($"update revisions.story_search set body = 'Wednesday' where story_id = '{id}' and scope = 'newsroom' returning 1");
        await Scalar($"insert into revisions.story_search_pending (story_id, version) values ('{id}', {version + 1}) on conflict do nothing returning 1");
        await StorySearchIndexer.CatchUpAsync(api.Store, waitForOthers: true, CancellationToken.None);

        (await Found("Wednesday")).ShouldContain(Guid.Parse(id), "the newer row stays as it was");
    }

    [Fact]
    public async Task the_queue_empties_by_itself_without_a_search()
    {
        var (id, version) = await newsroom.PublishedStory(Standards.Story("Market reopens", "Stalls return to the square."));
        await newsroom.Revise(id, Standards.Story("Market reopens", "Stalls return to the square on Friday."), version);

        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (await Scalar($"select count(*) from revisions.story_search_pending where story_id = '{id}'") > 0)
        {
            waited.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(60), "the background indexer writes queued stories every second");
            await Task.Delay(100);
        }
        (await Scalar($"select count(*) from revisions.story_search where story_id = '{id}' and scope = 'newsroom' and body like '%Friday%'")).ShouldBe(1);
    }

    [Fact]
    public async Task a_save_queued_while_a_rebuild_refills_the_index_is_written_once_the_rebuild_reaches_its_story()
    {
        var (id, version) = await newsroom.PublishedStory(Standards.Story("Ferry returns", "The ferry sails at noon."));
        var storyId = Guid.Parse(id);
        // The rebuild has emptied the index; the save that follows is queued.
        await Scalar($"delete from revisions.story_search where story_id = '{id}' and scope = 'newsroom' returning 1");
        await newsroom.Revise(id, Standards.Story("Ferry returns", "The ferry sails at dusk."), version);
        await StorySearchIndexer.CatchUpAsync(api.Store, waitForOthers: true, CancellationToken.None);
        (await Scalar($"select count(*) from revisions.story_search_pending where story_id = '{id}'")).ShouldBe(1, "no row to write yet: the story stays queued");

        // The rebuild reaches the story with the events it read before the save.
        await Scalar($"insert into revisions.story_search (story_id, scope, headline, body, names, version) values ('{id}', 'newsroom', 'Ferry returns', 'The ferry sails at noon.', 'Ferry', 1) returning 1");

        (await Found("dusk")).ShouldContain(storyId, "the queued save is written over the rebuilt row");
        (await Found("noon")).ShouldNotContain(storyId);
    }
}
