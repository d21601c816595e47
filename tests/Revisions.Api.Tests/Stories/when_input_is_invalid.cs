using System.Net;
using Revisions.Api.Tests.Infrastructure;
using Revisions.Domain.Stories;

namespace Revisions.Api.Tests.Stories;

public class when_input_is_invalid(ApiFixture api) : IClassFixture<ApiFixture>
{
    private readonly Newsroom newsroom = api.Newsroom;

    public static TheoryData<string, string, int> BadSaves => new()
    {
        { "empty headline", """{"headline":"  ","body":[]}""", 400 },
        { "no headline", """{"body":[]}""", 400 },
        { "unknown block type", """{"headline":"Talks","body":[{"type":"table","text":"x"}]}""", 400 },
        { "empty block", """{"headline":"Talks","body":[{"type":"paragraph","text":""}]}""", 400 },
        { "control character", """{"headline":"Talks\u0007","body":[]}""", 400 },
        { "not JSON", """{"headline":""", 400 },
        { "wrong type", """{"headline":42,"body":"nope"}""", 400 },
        { "null", "null", 400 },
        { "a headline of only a byte-order mark", """{"headline":"\ufeff","body":[]}""", 400 },
        { "a headline of only zero-width characters", """{"headline":"\u200b\u200d","body":[]}""", 400 },
        { "a bidirectional override in the headline", """{"headline":"Talks \u202egnp.exe","body":[]}""", 400 },
        { "a bidirectional isolate in the short headline", """{"headline":"Talks","shortHeadline":"\u2067x","body":[]}""", 400 },
        { "a member given twice", """{"headline":"Talks","headline":"Other talks","body":[]}""", 400 },
        { "a block without a type", """{"headline":"Talks","body":[{"text":"x"}]}""", 400 },
        { "a NUL in the note", """{"headline":"Talks","body":[],"note":"a\u0000b"}""", 400 },
        { "huge block", $$"""{"headline":"Talks","body":[{"type":"paragraph","text":"{{new string('a', 20_001)}}"}]}""", 413 },
        { "too many blocks", $$"""{"headline":"Talks","body":[{{string.Join(",", Enumerable.Repeat("""{"type":"paragraph","text":"a"}""", 2_001))}}]}""", 413 },
        { "body over the request limit", $$"""{"headline":"Talks","body":[{{string.Join(",", Enumerable.Repeat($$"""{"type":"paragraph","text":"{{new string('b', 19_000)}}"}""", 300))}}]}""", 413 },
    };

    [Theory]
    [MemberData(nameof(BadSaves))]
    public async Task a_bad_save_gets_its_status_and_leaves_the_story_unchanged(string because, string json, int status)
    {
        var created = (await newsroom.Create(SeedStory.Version(1))).Body;
        var id = created.Id.ToString();

        var response = await newsroom.SendRaw(HttpMethod.Put, $"/api/stories/{id}", json, ifMatch: 1);

        ((int)response.StatusCode).ShouldBe(status, because);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json", because);
        (await newsroom.Events(id)).Body.Count.ShouldBe(1, because);
        var story = (await newsroom.Get(id)).Body;
        story.Version.ShouldBe(1);
        story.Body.ShouldBe(created.Body);
    }

    [Theory]
    [MemberData(nameof(BadSaves))]
    public async Task a_bad_new_story_gets_its_status_and_creates_nothing(string because, string json, int status)
    {
        var before = (await newsroom.Get<Api.Stories.StoryPage>("/api/stories?pageSize=100")).Body.Total;
        var response = await newsroom.SendRaw(HttpMethod.Post, "/api/stories", json);
        ((int)response.StatusCode).ShouldBe(status, because);
        (await newsroom.Get<Api.Stories.StoryPage>("/api/stories?pageSize=100")).Body.Total.ShouldBe(before, because);
    }

    [Fact]
    public async Task a_refusal_names_what_is_wrong()
    {
        var id = (await newsroom.Create(SeedStory.Version(1))).Body.Id.ToString();

        var twice = await Problem(await newsroom.SendRaw(HttpMethod.Put, $"/api/stories/{id}", """{"headline":"Talks","body":[],"headline":"Talks"}""", ifMatch: 1));
        twice.GetProperty("detail").GetString()!.ShouldContain("'headline'");

        var untyped = await Problem(await newsroom.SendRaw(HttpMethod.Put, $"/api/stories/{id}",
            """{"headline":"Talks","body":[{"type":"paragraph","text":"x"},{"text":"y"}]}""", ifMatch: 1));
        untyped.GetProperty("errors").TryGetProperty("body[1].type", out _).ShouldBeTrue(untyped.ToString());

        var nul = await Problem(await newsroom.SendRaw(HttpMethod.Post, $"/api/stories/{id}/holds", """{"reason":"Case\u0000 1"}"""));
        nul.GetProperty("errors").TryGetProperty("reason", out _).ShouldBeTrue(nul.ToString());

        var bell = await Problem(await newsroom.SendRaw(HttpMethod.Put, $"/api/stories/{id}",
            """{"headline":"Talks","body":[{"type":"paragraph","text":"x"},{"type":"paragraph","text":"a\u0007b"}]}""", ifMatch: 1));
        bell.GetProperty("errors").TryGetProperty("body[1].text", out _).ShouldBeTrue(bell.ToString());
        bell.GetProperty("detail").GetString().ShouldBe(
            "\"body[1].text\" contains a control character (U+0007) at position 1; text may hold tabs and line breaks, but no other control characters.");
    }

    /// <summary>Every write that reads a JSON body: none may take <c>null</c> for one (it used to answer 500).</summary>
    public static TheoryData<string> Writes => new()
    {
        "POST /api/stories", "PUT /api/stories/{id}", "POST /api/stories/{id}/publish", "POST /api/stories/{id}/unpublish",
        "POST /api/stories/{id}/restore", "POST /api/stories/{id}/notes", "POST /api/diff", "POST /api/stories/{id}/redactions",
        "POST /api/stories/{id}/redactions/{other}/lift", "POST /api/stories/{id}/holds", "POST /api/stories/{id}/holds/{other}/lift",
        "POST /api/stories/{id}/erasures", "POST /api/flags/{other}/dismiss"
    };

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task a_body_of_null_is_refused_before_anything_is_read(string write)
    {
        var id = (await newsroom.Create(SeedStory.Version(1))).Body.Id.ToString();
        var (method, route) = (write.Split(' ')[0], write.Split(' ')[1]);

        var response = await newsroom.SendRaw(new HttpMethod(method), route.Replace("{id}", id).Replace("{other}", Guid.NewGuid().ToString()), "null", ifMatch: 1);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, write);
        (await Problem(response)).GetProperty("title").GetString().ShouldBe("The request has no body");
    }

    private static async Task<System.Text.Json.JsonElement> Problem(HttpResponseMessage response)
    {
        ((int)response.StatusCode).ShouldBe(400);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        return System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    [Fact]
    public async Task an_unknown_story_is_404_for_reads_and_writes()
    {
        (await newsroom.Get("no-such-story")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await newsroom.Get(Guid.NewGuid().ToString())).Status.ShouldBe(HttpStatusCode.NotFound);
        (await newsroom.Revise(Guid.NewGuid().ToString(), SeedStory.Version(1), 1)).Status.ShouldBe(HttpStatusCode.NotFound);
        (await newsroom.Publish("no-such-story", 1)).Status.ShouldBe(HttpStatusCode.NotFound);
        (await newsroom.Versions("no-such-story")).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task versions_outside_the_history_and_bad_instants_are_refused()
    {
        var id = (await newsroom.Create(SeedStory.Version(1))).Body.Id.ToString();
        (await newsroom.GetVersion(id, 2)).Status.ShouldBe(HttpStatusCode.NotFound);
        (await newsroom.Get<object>($"/api/stories/{id}/versions/zero")).Status.ShouldBe(HttpStatusCode.BadRequest);
        (await newsroom.Get(id, "?asOf=yesterday")).Status.ShouldBe(HttpStatusCode.BadRequest);
        (await newsroom.Restore(id, restoreVersion: 7, version: 1)).Status.ShouldBe(HttpStatusCode.NotFound);
        (await newsroom.Get<object>("/api/stories?pageSize=1000")).Status.ShouldBe(HttpStatusCode.BadRequest);
        (await newsroom.Get<object>("/api/stories?page=abc")).Status.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task a_change_without_an_editor_or_with_a_taken_slug_is_refused()
    {
        (await newsroom.Send<object>(HttpMethod.Post, "/api/stories", editor: null, new { headline = "Talks", body = Array.Empty<Block>() }))
            .Status.ShouldBe(HttpStatusCode.BadRequest);
        (await newsroom.Create(SeedStory.Version(1), slug: "istanbul-talks")).Status.ShouldBe(HttpStatusCode.Created);
        (await newsroom.Create(SeedStory.Version(1), slug: "istanbul-talks")).Status.ShouldBe(HttpStatusCode.Conflict);
        (await newsroom.Create(SeedStory.Version(1), slug: "Not A Slug!")).Status.ShouldBe(HttpStatusCode.BadRequest);
        var badTag = await newsroom.SendRaw(HttpMethod.Put, "/api/stories/istanbul-talks", """{"headline":"x","body":[]}""");
        badTag.StatusCode.ShouldBe((HttpStatusCode)428);
    }
}
