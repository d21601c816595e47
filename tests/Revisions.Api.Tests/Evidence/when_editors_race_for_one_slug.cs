using System.Net;
using System.Text.Json;
using Npgsql;
using Revisions.Api.Http;
using Revisions.Api.Tests.Infrastructure;

namespace Revisions.Api.Tests.Evidence;

/// <summary>
/// Eight editors create a story with the same slug at once: one wins, seven get 409. Marten leaves tombstone
/// rows in the event store for the refused appends; they are its own bookkeeping, not a broken story.
/// </summary>
public class when_editors_race_for_one_slug(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task the_refused_creates_leave_the_store_verifying()
    {
        var newsroom = api.Newsroom;
        // A loser that reads the winner's slug before appending is refused without a tombstone; race again until
        // the database itself settles one.
        var rounds = 0;
        string? winner = null;
        while (await TombstoneRows() == 0 && rounds < 5)
        {
            rounds++;
            var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
                newsroom.Create(SeedStory.Version(1) with { Headline = $"Council budget, take {i}" }, slug: $"council-budget-{rounds}")));
            answers.Count(a => a.Status == HttpStatusCode.Created).ShouldBe(1);
            answers.Count(a => a.Status == HttpStatusCode.Conflict).ShouldBe(7);
            winner = answers.Single(a => a.Status == HttpStatusCode.Created).Body.Id.ToString();
        }
        (await TombstoneRows()).ShouldBeGreaterThan(0, "the refused appends leave Marten's tombstones behind");
        await newsroom.Publish(winner!, 1);

        var report = (await Newsroom.As(api.Host.Server.CreateClient(), Roles.Legal).Get<JsonElement>("/api/integrity/verify")).Body;
        report.GetProperty("ok").GetBoolean().ShouldBeTrue(report.ToString());
        report.GetProperty("broken").GetArrayLength().ShouldBe(0);
        report.TryGetProperty("firstBroken", out _).ShouldBeFalse();
        report.GetProperty("stories").GetInt32().ShouldBe(rounds);
        report.GetProperty("events").GetInt64().ShouldBe(rounds + 1);
    }

    private async Task<long> TombstoneRows()
    {
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("select count(*) from revisions.mt_events where type = 'tombstone'", connection);
        return (long)(await count.ExecuteScalarAsync())!;
    }
}
