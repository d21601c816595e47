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

    [Fact]
    public async Task while_editors_save_and_a_lawyer_redacts_a_withdrawn_name_is_never_found_once_the_redaction_has_answered()
    {
        // Editors save as fast as answers come while indexers write what they queue, so an indexer often holds
        // content it read before a redaction: the version on each row keeps that content from landing. The
        // lawyer redacts and lifts a few times over; a search that starts after a redaction has answered and
        // before its lifting is asked for must not find the story by the withdrawn name.
        const int Rounds = 10;
        string[] witnesses = ["Pomfrington", "Quillborough", "Zavaterra"];
        var stories = new List<(string Id, string Witness)>();
        foreach (var witness in witnesses)
        {
            var (id, _) = await newsroom.PublishedStory(Story(witness, "nine"));
            stories.Add((id, witness));
        }
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var withdrawn = new System.Collections.Concurrent.ConcurrentBag<(string Story, TimeSpan From, TimeSpan To)>();
        var searches = new System.Collections.Concurrent.ConcurrentBag<(string Story, TimeSpan Started, bool Found)>();
        using var stop = new CancellationTokenSource();

        async Task Edit((string Id, string Witness) story)
        {
            var version = (await newsroom.Get<StoryView>($"/api/stories/{story.Id}")).Body.Version;
            for (var save = 0; save < 100; save++)
            {
                // A redaction may have come in since the version read: read it again and save the same again.
                var revised = await newsroom.Revise(story.Id, Story(story.Witness, $"hour{save}"), version);
                while (revised.Status == HttpStatusCode.Conflict)
                {
                    version = (await newsroom.Get<StoryView>($"/api/stories/{story.Id}")).Body.Version;
                    revised = await newsroom.Revise(story.Id, Story(story.Witness, $"hour{save}"), version);
                }
                revised.Status.ShouldBe(HttpStatusCode.OK);
                version = revised.Body.Version;
            }
        }
        async Task Redact((string Id, string Witness) story)
        {
            for (var round = 0; round < Rounds; round++)
            {
                await Task.Delay(100);
                var redacted = await UntilNotLost(() => newsroom.Send<System.Text.Json.JsonElement>(HttpMethod.Post, $"/api/stories/{story.Id}/redactions",
                    "Lee Legal", new { contentVersion = 1, block = 1, reason = "Court order" }));
                redacted.Status.ShouldBe(HttpStatusCode.Created);
                var from = clock.Elapsed;
                if (round == Rounds - 1)
                {
                    withdrawn.Add((story.Id, from, TimeSpan.MaxValue));
                    return;
                }
                await Task.Delay(100);
                withdrawn.Add((story.Id, from, clock.Elapsed));
                var redaction = redacted.Body.GetProperty("redactionId").GetGuid();
                (await UntilNotLost(() => newsroom.Send<object>(HttpMethod.Post, $"/api/stories/{story.Id}/redactions/{redaction}/lift", "Lee Legal",
                    new { reason = "Order set aside" }))).Status.ShouldBe(HttpStatusCode.OK);
            }
        }
        async Task Search()
        {
            while (!stop.IsCancellationRequested)
                foreach (var story in stories)
                {
                    var started = clock.Elapsed;
                    searches.Add((story.Id, started, (await Found(story.Witness)).Contains(Guid.Parse(story.Id))));
                }
        }

        var searching = Search();
        await Task.WhenAll([.. stories.Select(Edit), .. stories.Select(Redact)]);
        await stop.CancelAsync();
        await searching;

        var leaks = searches.Where(s => s.Found && withdrawn.Any(w => w.Story == s.Story && s.Started > w.From && s.Started < w.To)).ToList();
        leaks.ShouldBeEmpty($"{searches.Count} searches; {searches.Count(s => s.Found)} found a witness while it could be found");
        foreach (var story in stories)
        {
            (await Found(story.Witness)).ShouldNotContain(Guid.Parse(story.Id));
            (await Found("hour99")).ShouldContain(Guid.Parse(story.Id), "the index settles on every story's last save");
        }
    }

    private static Revisions.Domain.Stories.StoryContent Story(string witness, string hour) =>
        Standards.Story($"Inquiry hears {witness.ToLowerInvariant()[..3]} case", $"The inquiry sat until {hour}.", $"Witness {witness} gave evidence.");

    /// <summary>A save may commit between a legal record's read and its append: a lost race (409), asked again.</summary>
    private static async Task<Answer<T>> UntilNotLost<T>(Func<Task<Answer<T>>> send)
    {
        while (true)
        {
            var answer = await send();
            if (answer.Status != HttpStatusCode.Conflict) return answer;
        }
    }
}
