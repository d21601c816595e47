using System.Net;
using System.Net.Http.Json;
using Revisions.Api.Tests.Infrastructure;
using Revisions.Api.Tests.Public;

namespace Revisions.Api.Tests.Security;

public class when_a_client_retries_a_write(ApiFixture api) : IClassFixture<ApiFixture>
{
    private readonly Newsroom newsroom = api.Newsroom;

    private async Task<(HttpStatusCode Status, string Body, string? ETag, string? Location)> Send(
        HttpMethod method, string url, object body, string key, int? ifMatch = null, string editor = "Ann Editor")
    {
        using var request = new HttpRequestMessage(method, url) { Content = JsonContent.Create(body, options: Newsroom.Json) };
        request.Headers.Authorization = new("Bearer", TestTokens.For(editor, TestTokens.AllRoles));
        request.Headers.Add("Idempotency-Key", key);
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", $"\"{ifMatch}\"");
        using var response = await newsroom.Client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers.ETag?.Tag, response.Headers.Location?.ToString());
    }

    private static object Story(string headline, string text) =>
        new { headline, body = new[] { new { type = "paragraph", text } } };

    [Fact]
    public async Task a_repeated_create_returns_the_first_answer_and_starts_no_second_story()
    {
        var first = await Send(HttpMethod.Post, "/api/stories", Story("Retry me", "Once."), "create-1");
        var again = await Send(HttpMethod.Post, "/api/stories", Story("Retry me", "Once."), "create-1");

        first.Status.ShouldBe(HttpStatusCode.Created);
        again.ShouldBe(first);
        (await newsroom.Get("retry-me")).Status.ShouldBe(HttpStatusCode.OK);
        (await newsroom.Get("retry-me-2")).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task a_repeated_save_returns_the_first_answer_and_appends_nothing_more()
    {
        var slug = (await newsroom.Create(Reader.Story("Save once", "One."))).Body.Slug;
        var first = await Send(HttpMethod.Put, $"/api/stories/{slug}", Story("Save once", "Two."), "save-1", ifMatch: 1);
        await newsroom.SaveNow(slug, Reader.Story("Save once", "Three."));
        var again = await Send(HttpMethod.Put, $"/api/stories/{slug}", Story("Save once", "Two."), "save-1", ifMatch: 1);

        first.Status.ShouldBe(HttpStatusCode.OK);
        first.ETag.ShouldBe("\"2\"");
        again.ShouldBe(first);
        (await newsroom.Events(slug)).Body.Count.ShouldBe(3);
    }

    [Fact]
    public async Task the_same_key_with_another_body_is_refused_with_422()
    {
        var slug = (await newsroom.Create(Reader.Story("Key reuse", "One."))).Body.Slug;
        (await Send(HttpMethod.Put, $"/api/stories/{slug}", Story("Key reuse", "Two."), "reuse", ifMatch: 1)).Status.ShouldBe(HttpStatusCode.OK);
        var other = await Send(HttpMethod.Put, $"/api/stories/{slug}", Story("Key reuse", "Something else."), "reuse", ifMatch: 2);

        other.Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        other.Body.ShouldContain("Idempotency-Key");
        (await newsroom.Events(slug)).Body.Count.ShouldBe(2);
    }

    [Fact]
    public async Task keys_belong_to_their_user()
    {
        var slug = (await newsroom.Create(Reader.Story("Two users one key", "One."))).Body.Slug;
        (await Send(HttpMethod.Post, $"/api/stories/{slug}/notes", new { kind = "editorial", text = "A" }, "shared", editor: "Ann Editor")).Status.ShouldBe(HttpStatusCode.Created);
        (await Send(HttpMethod.Post, $"/api/stories/{slug}/notes", new { kind = "editorial", text = "A" }, "shared", editor: "Bo Desk")).Status.ShouldBe(HttpStatusCode.Created);
        (await newsroom.Events(slug)).Body.Count.ShouldBe(3);
    }

    [Fact]
    public async Task racing_requests_with_one_key_save_once_and_all_get_the_same_answer()
    {
        var slug = (await newsroom.Create(Reader.Story("Racing retries", "One."))).Body.Slug;
        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            Send(HttpMethod.Put, $"/api/stories/{slug}", Story("Racing retries", "Two."), "race", ifMatch: 1)));

        answers.ShouldAllBe(a => a.Status == HttpStatusCode.OK && a.ETag == "\"2\"");
        answers.Select(a => a.Body).Distinct().Count().ShouldBe(1);
        (await newsroom.Events(slug)).Body.Count.ShouldBe(2);
    }

    [Fact]
    public async Task a_malformed_key_is_refused()
    {
        var slug = (await newsroom.Create(Reader.Story("Bad key", "One."))).Body.Slug;
        (await Send(HttpMethod.Put, $"/api/stories/{slug}", Story("Bad key", "Two."), new string('k', 201), ifMatch: 1)).Status.ShouldBe(HttpStatusCode.BadRequest);
        (await newsroom.Events(slug)).Body.Count.ShouldBe(1);
    }
}
