using System.Net;
using System.Text.Json;
using Revisions.Api.Import;
using Revisions.Api.Stories;
using Revisions.Api.Tests.Infrastructure;

namespace Revisions.Api.Tests.Import;

public class when_importing_snapshots(ApiFixture api) : IClassFixture<ApiFixture>
{
    private const string SeedName = "seed-istanbul-talks.txt";
    private readonly Newsroom newsroom = api.Newsroom;

    private static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", name));

    private async Task<Answer<ImportReport>> ImportText(string text, string query) =>
        await Answer<ImportReport>(await newsroom.SendRaw(HttpMethod.Post, $"/api/import?{query}", text, contentType: "text/plain"));

    private Task<Answer<ImportReport>> ImportJson(object request, string editor = "Ann Editor") =>
        newsroom.Send<ImportReport>(HttpMethod.Post, "/api/import", editor, request);

    private static async Task<Answer<T>> Answer<T>(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode
            ? new(response, JsonSerializer.Deserialize<T>(text, Newsroom.Json), null)
            : new(response, default, JsonSerializer.Deserialize<Microsoft.AspNetCore.Mvc.ProblemDetails>(text, Newsroom.Json));
    }

    private async Task<long> StoryCount() => (await newsroom.Get<StoryPage>("/api/stories?pageSize=100")).Body.Total;

    [Fact]
    public async Task the_seed_file_becomes_two_versions_whose_diff_is_the_expected_change()
    {
        var answer = await ImportText(Fixture(SeedName), $"name={SeedName}&note=From+the+archive");

        answer.Status.ShouldBe(HttpStatusCode.Created);
        answer.ETag.ShouldBe("\"2\"");
        var report = answer.Body;
        report.Slug.ShouldBe("direct-talks-between-russia-and-ukraine-resume-after-three-year-pause");
        report.Imported.ShouldBe(2);
        report.Skipped.ShouldBe(0);
        report.Versions.Select(v => v.Kind).ShouldBe(["created", "imported"]);
        report.Versions[1].ChangedFields.ShouldBe(["shortHeadline", "body"]);

        var diff = (await newsroom.Get<JsonElement>($"/api/stories/{report.StoryId}/diff")).Body.GetProperty("diff");
        var expected = JsonDocument.Parse(Fixture("istanbul-talks.versions.json")).RootElement.GetProperty("expectedChangeV1toV2");
        foreach (var field in new[] { "headline", "standfirst", "shortHeadline" })
            FieldOp(diff, field).ShouldBe(expected.GetProperty(field).GetString());
        BlockTexts(diff, "delete", "fromText").ShouldBe(Strings(expected.GetProperty("bodyRemoved")));
        BlockTexts(diff, "insert", "toText").ShouldBe(Strings(expected.GetProperty("bodyAdded")));
        BlockTexts(diff, "equal", "toText").Count.ShouldBe(expected.GetProperty("bodyUnchangedCount").GetInt32());

        var versions = (await newsroom.Versions(report.Slug)).Body;
        versions.Select(v => v.Kind).ShouldBe(["created", "imported"]);
        versions.ShouldAllBe(v => v.Editor == "Ann Editor" && v.Note == "From the archive" && v.CapturedAt == null);
    }

    [Fact]
    public async Task importing_the_same_captures_again_adds_nothing_whether_or_not_the_story_is_named()
    {
        // A variant of the seed, so that this story is not the one the other tests import.
        var captures = Fixture(SeedName).Replace("Resume After Three-Year Pause", "Resume Again");
        var first = (await ImportText(captures, "name=again.txt")).Body;
        var stories = await StoryCount();

        var unnamed = await ImportText(captures, "name=renamed-copy.txt");
        unnamed.Status.ShouldBe(HttpStatusCode.OK);
        unnamed.Body.StoryId.ShouldBe(first.StoryId);
        unnamed.Body.Imported.ShouldBe(0);
        unnamed.Body.Skipped.ShouldBe(2);

        var named = await ImportText(captures, $"name=again.txt&story={first.Slug}");
        named.Status.ShouldBe(HttpStatusCode.OK);
        named.Body.Imported.ShouldBe(0);
        named.ETag.ShouldBe("\"2\"");

        (await StoryCount()).ShouldBe(stories);
        (await newsroom.Events(first.StoryId.ToString())).Body.Count.ShouldBe(2);
    }

    [Fact]
    public async Task capture_times_are_kept_in_the_version_list_and_order_the_snapshots()
    {
        var later = Snapshot("2025-05-16T10:30:00Z", "Ceasefire talks end", "They ended without agreement.");
        var earlier = Snapshot("2025-05-16T09:00:00+01:00", "Ceasefire talks begin", "Delegations met.");

        var report = (await ImportJson(new { snapshots = new[] { later, earlier }, source = "archive.json" })).Body;

        var versions = (await newsroom.Versions(report.StoryId.ToString())).Body;
        versions.Select(v => v.CapturedAt).ShouldBe([DateTimeOffset.Parse("2025-05-16T08:00:00Z"), DateTimeOffset.Parse("2025-05-16T10:30:00Z")]);
        (await newsroom.Get(report.StoryId.ToString())).Body.Headline.ShouldBe("Ceasefire talks end");
        var events = (await newsroom.Events(report.StoryId.ToString())).Body;
        events[1].GetProperty("data").GetProperty("capture").GetProperty("source").GetString().ShouldBe("archive.json");
        events[1].GetProperty("data").GetProperty("capture").GetProperty("fingerprint").GetString()!.Length.ShouldBe(64);
    }

    [Fact]
    public async Task later_captures_continue_an_existing_story_and_skip_what_it_already_says()
    {
        var created = (await newsroom.Create(SeedStory.Version(1), slug: "talks-in-istanbul")).Body;
        var imported = await ImportJson(new
        {
            story = "talks-in-istanbul",
            snapshots = new[] { FromSeed(1, "2025-05-16T09:00:00Z"), FromSeed(2, "2025-05-16T11:00:00Z"), FromSeed(2, "2025-05-16T12:00:00Z") }
        });

        imported.Status.ShouldBe(HttpStatusCode.OK);
        imported.Body.StoryId.ShouldBe(created.Id);
        imported.Body.Imported.ShouldBe(1);
        imported.Body.Skipped.ShouldBe(2);
        imported.Body.Versions.ShouldHaveSingleItem().Version.ShouldBe(2);
        (await newsroom.Get("talks-in-istanbul")).Body.ShortHeadline.ShouldBe(SeedStory.Version(2).ShortHeadline);
    }

    public static TheoryData<string, string, string, int, int?> Malformed => new()
    {
        { "empty", "text/plain", "", 400, null },
        { "binary", "text/plain", "Talks resume\nStandfirst\n\0\u0001\u0002", 400, 3 },
        { "no headline", "application/json", "{\n \"snapshots\": [\n  { \"headline\": \"\", \"body\": [] }\n ]\n}", 400, 3 },
        { "huge line", "text/plain", $"Talks resume\nA standfirst\n{new string('a', 25_000)}\n", 400, 3 },
        { "over the size limit", "text/plain", $"Talks resume\n{new string('a', 5 * 1024 * 1024)}\n", 413, null },
        { "not JSON", "application/json", "{\n \"snapshots\": [ { \"headline\": \n", 400, 3 },
        { "a capture from the future", "application/json",
            "{\n \"snapshots\": [\n  { \"capturedAt\": \"9999-12-31T23:59:59Z\", \"headline\": \"Talks\", \"body\": [] }\n ]\n}", 400, 3 },
        { "a member given twice", "application/json", "{\n \"snapshots\": [],\n \"snapshots\": []\n}", 400, 3 },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task malformed_input_is_refused_by_file_and_line_and_imports_nothing(string because, string contentType, string body, int status, int? line)
    {
        var stories = await StoryCount();

        var response = await newsroom.SendRaw(HttpMethod.Post, "/api/import?name=capture.txt", body, contentType: contentType);

        ((int)response.StatusCode).ShouldBe(status, because);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json", because);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var error = problem.GetProperty("errors")[0];
        error.GetProperty("file").GetString().ShouldBe("capture.txt", because);
        (error.TryGetProperty("line", out var l) && l.ValueKind == JsonValueKind.Number ? l.GetInt32() : (int?)null).ShouldBe(line, because);
        error.GetProperty("message").GetString().ShouldNotBeNullOrWhiteSpace();
        (await StoryCount()).ShouldBe(stories, because);
    }

    [Fact]
    public async Task an_import_needs_an_editor_an_existing_story_and_a_known_content_type()
    {
        var seed = Fixture(SeedName);
        (await ImportJson(new { snapshots = new[] { FromSeed(1, null) } }, editor: "")).Status.ShouldBe(HttpStatusCode.BadRequest);
        (await ImportText(seed, "story=no-such-story")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await newsroom.SendRaw(HttpMethod.Post, "/api/import", seed, contentType: "application/xml")).StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        (await ImportText(seed, "slug=Not+A+Slug")).Status.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task a_story_changed_since_the_version_named_in_if_match_is_a_conflict()
    {
        var story = (await newsroom.Create(SeedStory.Version(1), slug: "conflicting-import")).Body;
        await newsroom.Revise(story.Slug, SeedStory.Version(2), 1);
        var stale = await newsroom.Send<ImportReport>(HttpMethod.Post, "/api/import", "Ann Editor",
            new { story = story.Slug, snapshots = new[] { Snapshot("2025-05-16T09:00:00Z", "Other", "Text.") } }, ifMatch: 1);
        stale.Status.ShouldBe(HttpStatusCode.Conflict);
        (await newsroom.Events(story.Slug)).Body.Count.ShouldBe(2);
    }

    private static object Snapshot(string? capturedAt, string headline, string paragraph) =>
        new { capturedAt, headline, body = new[] { new { type = "paragraph", text = paragraph } } };

    private static object FromSeed(int version, string? capturedAt)
    {
        var c = SeedStory.Version(version);
        return new { capturedAt, c.Headline, c.ShortHeadline, c.Standfirst, c.Byline, c.Body };
    }

    private static string? FieldOp(JsonElement diff, string field) =>
        diff.GetProperty("fields").EnumerateArray().Single(f => f.GetProperty("field").GetString() == field).GetProperty("op").GetString();

    private static List<string> BlockTexts(JsonElement diff, string op, string text) =>
        diff.GetProperty("body").EnumerateArray().Where(b => b.GetProperty("op").GetString() == op)
            .Select(b => b.GetProperty(text).GetString()!).ToList();

    private static List<string> Strings(JsonElement array) => array.EnumerateArray().Select(s => s.GetString()!).ToList();
}
