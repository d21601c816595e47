using System.Net;
using System.Text.Json;
using Marten;
using Revisions.Api.Stories;
using Revisions.Api.Tests.Infrastructure;
using Revisions.Domain.Stories;

namespace Revisions.Api.Tests.Stories;

public class when_rebuilding_projections(ApiFixture api) : IClassFixture<ApiFixture>
{
    private readonly Newsroom newsroom = api.Newsroom;

    [Fact]
    public async Task read_models_rebuilt_from_the_events_equal_the_inline_ones()
    {
        for (var i = 0; i < 3; i++)
        {
            var id = (await newsroom.Create(SeedStory.Version(1) with { Headline = $"Talks day {i}" })).Body.Id.ToString();
            await newsroom.Publish(id, 1);
            await newsroom.Revise(id, SeedStory.Version(2) with { Headline = $"Talks day {i}" }, 2);
            await newsroom.Publish(id, 3, note: "Update");
            if (i == 1) await newsroom.Unpublish(id, 4);
            if (i == 2) await newsroom.Restore(id, 1, 4);
            if (i == 0)
                (await newsroom.Send<JsonElement>(HttpMethod.Post, $"/api/stories/{id}/notes", "Sam Standards", new { kind = "correction", text = "Rebuilt note text" })).Status.ShouldBe(HttpStatusCode.Created);
        }
        var before = await Snapshot();
        before.ShouldContain("Rebuilt note text"); // in the search index's rows

        var rebuilt = await newsroom.Send<JsonElement>(HttpMethod.Post, "/api/admin/projections/rebuild", editor: null, body: null);
        rebuilt.Status.ShouldBe(HttpStatusCode.OK);
        await using (var session = api.Store.QuerySession())
            rebuilt.Body.GetProperty("events").GetInt64().ShouldBe(await session.Events.QueryAllRawEvents().CountAsync());
        before.ShouldContain("\"kind\":\"flagged\""); // the second publish went live with an unnoted substantive change

        var after = await Snapshot();
        after.ShouldBe(before);

        // The rebuilt current state is the one the next save starts from: it must carry the stream's version.
        var story = (await newsroom.Get("talks-day-0")).Body;
        var saved = await newsroom.Revise(story.Slug, SeedStory.Version(1) with { Headline = "Talks day 0, after the rebuild" }, story.Version);
        saved.Body.Version.ShouldBe(story.Version + 1);
        (await newsroom.Get(story.Slug)).Body.Headline.ShouldBe("Talks day 0, after the rebuild");
    }

    [Fact]
    public async Task a_new_host_over_the_same_database_serves_the_same_history()
    {
        var id = (await newsroom.Create(SeedStory.Version(1) with { Headline = "Restart story" })).Body.Id.ToString();
        await newsroom.Revise(id, SeedStory.Version(2) with { Headline = "Restart story" }, 1);
        var history = JsonSerializer.Serialize((await newsroom.Versions(id)).Body);
        var latest = JsonSerializer.Serialize((await newsroom.Get(id)).Body);

        await using var restarted = await ApiFixture.StartHostAsync(api.ConnectionString);
        var other = new Newsroom(restarted.Server.CreateClient());
        JsonSerializer.Serialize((await other.Versions(id)).Body).ShouldBe(history);
        JsonSerializer.Serialize((await other.Get(id)).Body).ShouldBe(latest);
        JsonSerializer.Serialize((await other.GetVersion(id, 1)).Body).ShouldNotBe(latest);
    }

    [Fact]
    public async Task a_row_written_by_a_commit_during_the_rebuild_is_kept_and_the_rest_still_written()
    {
        var id = (await newsroom.Create(SeedStory.Version(1) with { Headline = "Rebuilt while saved" })).Body.Id;
        await using var session = api.Store.QuerySession();
        var committed = (await session.LoadAsync<StoryVersion>(StoryVersion.Key(id, 1)))!;
        var stale = committed with { Editor = "an older view of the events" };
        var missing = committed with { Id = StoryVersion.Key(id, 99), Version = 99 };

        await new Api.Admin.ReadModelReplay(api.Store).WriteBatchAsync([stale, missing], CancellationToken.None);

        await using var after = api.Store.QuerySession();
        (await after.LoadAsync<StoryVersion>(committed.Id))!.Editor.ShouldBe(committed.Editor);
        (await after.LoadAsync<StoryVersion>(missing.Id)).ShouldNotBeNull();

        // No event stands behind the made-up version; take it away again for the class's other tests.
        await using var cleanup = api.Store.LightweightSession();
        cleanup.Delete<StoryVersion>(missing.Id);
        await cleanup.SaveChangesAsync();
    }

    [Fact]
    public async Task reading_the_history_a_few_streams_at_a_time_rebuilds_every_story_whole()
    {
        for (var i = 0; i < 7; i++)
        {
            var id = (await newsroom.Create(SeedStory.Version(1) with { Headline = $"Read in groups {i}" })).Body.Id.ToString();
            for (var v = 1; v <= i; v++)
                await newsroom.Revise(id, SeedStory.Version(1 + v % 2) with { Headline = $"Read in groups {i}, take {v}" }, v);
        }
        var before = await Snapshot();

        // Groups of about three events and pages of two streams: streams of every length cross both boundaries.
        var events = await new Api.Admin.ReadModelReplay(api.Store) { EventsPerRead = 3, StreamsPerPage = 2 }.RunAsync(CancellationToken.None);

        await using (var session = api.Store.QuerySession())
            events.ShouldBe(await session.Events.QueryAllRawEvents().CountAsync());
        (await Snapshot()).ShouldBe(before);
    }

    private async Task<string> Snapshot()
    {
        // The search rows as a search reads them: with what saves queued written (Stories/StorySearchIndexer.cs).
        await Api.Stories.StorySearchIndexer.CatchUpAsync(api.Store, waitForOthers: true, CancellationToken.None);
        await using var session = api.Store.QuerySession();
        var stories = await session.Query<StoryState>().OrderBy(s => s.Slug).ToListAsync();
        var published = await session.Query<PublishedStory>().OrderBy(s => s.Slug).ToListAsync();
        var versions = await session.Query<StoryVersion>().OrderBy(v => v.Id).ToListAsync();
        var corrections = await session.Query<Api.Corrections.CorrectionEntry>().OrderBy(c => c.Id).ToListAsync();
        var flags = await session.Query<Api.Corrections.StealthEditFlag>().OrderBy(f => f.Id).ToListAsync();
        var search = new List<string>();
        await using (var reader = await session.ExecuteReaderAsync(new Npgsql.NpgsqlCommand(
            "select concat_ws('|', story_id, scope, language, headline, standfirst, body, notes, names, vector) from revisions.story_search order by story_id, scope")))
            while (await reader.ReadAsync()) search.Add(reader.GetString(0));
        return JsonSerializer.Serialize(new { stories, published, versions, corrections, flags, search }, Newsroom.Json);
    }
}
