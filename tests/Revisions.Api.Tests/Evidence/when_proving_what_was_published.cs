using System.IO.Compression;
using System.Net;
using System.Text.Json;
using Npgsql;
using Revisions.Api.Http;
using Revisions.Api.Tests.Infrastructure;
using Revisions.Evidence;

namespace Revisions.Api.Tests.Evidence;

public class when_proving_what_was_published(ApiFixture api) : IClassFixture<ApiFixture>
{
    private readonly Newsroom newsroom = api.Newsroom;
    private readonly Newsroom legal = Newsroom.As(api.Host.Server.CreateClient(), Roles.Legal);

    private async Task<string> PublishedTwice(string headline)
    {
        var id = (await newsroom.Create(SeedStory.Version(1) with { Headline = headline })).Body.Id.ToString();
        await newsroom.Publish(id, 1);
        await newsroom.Revise(id, SeedStory.Version(2) with { Headline = headline }, 2);
        await newsroom.Publish(id, 3);
        return id;
    }

    [Fact]
    public async Task an_evidence_bundle_verifies_offline_and_names_what_was_live()
    {
        var id = await PublishedTwice("Evidence story");
        var versions = (await newsroom.Versions(id)).Body;
        var between = versions[2].At; // the draft edit after the first publish: version 2 is still what readers see

        var response = await legal.Client.GetAsync($"/api/stories/{id}/evidence?asOf={Uri.EscapeDataString(between.ToString("O"))}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/zip");
        var zip = await response.Content.ReadAsByteArrayAsync();

        var report = BundleVerifier.Verify(new MemoryStream(zip));
        report.Checks.Where(c => !c.Passed).ShouldBeEmpty();
        report.Passed.ShouldBeTrue();

        using var archive = new ZipArchive(new MemoryStream(zip));
        var story = JsonDocument.Parse(archive.GetEntry("story.json")!.Open()).RootElement;
        story.GetProperty("publishVersion").GetInt32().ShouldBe(2);
        story.GetProperty("content").GetProperty("body").GetArrayLength().ShouldBe(15);
        JsonDocument.Parse(archive.GetEntry("events.json")!.Open()).RootElement.GetArrayLength().ShouldBe(3);
        new StreamReader(archive.GetEntry("story.html")!.Open()).ReadToEnd().ShouldContain("This is a developing story");
    }

    [Fact]
    public async Task an_untouched_store_verifies_and_an_edited_event_is_named()
    {
        var untouched = await PublishedTwice("Untouched story");
        var tampered = await PublishedTwice("Tampered story");
        (await newsroom.Send<JsonElement>(HttpMethod.Post, "/api/integrity/checkpoints", null, new { })).Status.ShouldBe(HttpStatusCode.Created);

        var clean = (await newsroom.Get<JsonElement>("/api/integrity/verify")).Body;
        clean.GetProperty("ok").GetBoolean().ShouldBeTrue();
        clean.TryGetProperty("firstBroken", out _).ShouldBeFalse();

        await using (var connection = new NpgsqlConnection(api.ConnectionString))
        {
            await connection.OpenAsync();
            await using var update = new NpgsqlCommand(
                "update revisions.mt_events set data = jsonb_set(data, '{content,headline}', '\"Quietly changed\"') where stream_id = @id and version = 3", connection);
            update.Parameters.AddWithValue("id", Guid.Parse(tampered));
            (await update.ExecuteNonQueryAsync()).ShouldBe(1);
        }

        var report = (await newsroom.Get<JsonElement>("/api/integrity/verify")).Body;
        report.GetProperty("ok").GetBoolean().ShouldBeFalse();
        var broken = report.GetProperty("firstBroken");
        broken.GetProperty("storyId").GetString().ShouldBe(tampered);
        broken.GetProperty("version").GetInt64().ShouldBe(3);
        broken.GetProperty("reason").GetString()!.ShouldContain("content");
        untouched.ShouldNotBe(tampered);
    }

    [Fact]
    public async Task a_story_not_public_at_the_instant_has_no_bundle()
    {
        var id = (await newsroom.Create(SeedStory.Version(1) with { Headline = "Never published" })).Body.Id.ToString();
        (await legal.Client.GetAsync($"/api/stories/{id}/evidence")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await legal.Client.GetAsync($"/api/stories/{id}/evidence?asOf=yesterday")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }
}
