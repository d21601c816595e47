using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Revisions.Api.Hosting;
using Revisions.Api.Stories;
using Revisions.Domain.Stories;

namespace Revisions.Api.Tests.Infrastructure;

/// <summary>A response, with the story or the problem it carried.</summary>
public sealed record Answer<T>(HttpResponseMessage Response, T? Value, ProblemDetails? Problem)
{
    public HttpStatusCode Status => Response.StatusCode;
    public string? ETag => Response.Headers.ETag?.Tag;
    public T Body => Value ?? throw new InvalidOperationException($"Expected a body but got {(int)Status}: {Problem?.Title} {Problem?.Detail}");
}

/// <summary>The newsroom's side of the API, in the words of the tests.</summary>
public sealed class Newsroom(HttpClient client)
{
    public static readonly JsonSerializerOptions Json = CreateJson();

    public HttpClient Client => client;

    private static JsonSerializerOptions CreateJson()
    {
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Web.Configure(json);
        return json;
    }

    public Task<Answer<StoryView>> Create(StoryContent content, string editor = "Ann Editor", string? slug = null, string? note = null) =>
        Send<StoryView>(HttpMethod.Post, "/api/stories", editor, Fields(content, slug, note));

    public Task<Answer<StoryView>> Revise(string story, StoryContent content, int? version, string editor = "Ann Editor", string? note = null) =>
        Send<StoryView>(HttpMethod.Put, $"/api/stories/{story}", editor, Fields(content, null, note), version);

    public Task<Answer<StoryView>> Publish(string story, int version, string editor = "Ann Editor", string? note = null) =>
        Send<StoryView>(HttpMethod.Post, $"/api/stories/{story}/publish", editor, new { note }, version);

    public Task<Answer<StoryView>> Unpublish(string story, int version, string editor = "Ann Editor") =>
        Send<StoryView>(HttpMethod.Post, $"/api/stories/{story}/unpublish", editor, new { }, version);

    public Task<Answer<StoryView>> Restore(string story, int restoreVersion, int version, string editor = "Ann Editor") =>
        Send<StoryView>(HttpMethod.Post, $"/api/stories/{story}/restore", editor, new { version = restoreVersion, expectedVersion = version });

    public Task<Answer<StoryView>> Get(string story, string? query = null) => Get<StoryView>($"/api/stories/{story}{query}");

    public Task<Answer<StoryView>> GetVersion(string story, int version) => Get<StoryView>($"/api/stories/{story}/versions/{version}");

    public Task<Answer<List<VersionSummary>>> Versions(string story) => Get<List<VersionSummary>>($"/api/stories/{story}/versions");

    public Task<Answer<List<JsonElement>>> Events(string story) => Get<List<JsonElement>>($"/api/stories/{story}/events");

    public async Task<Answer<T>> Get<T>(string url) => await Read<T>(await client.GetAsync(url));

    public async Task<Answer<T>> Send<T>(HttpMethod method, string url, string? editor, object? body, int? ifMatch = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (editor is not null) request.Headers.Add("X-Editor", editor);
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", $"\"{ifMatch}\"");
        if (body is not null) request.Content = JsonContent.Create(body, body.GetType(), options: Json);
        return await Read<T>(await client.SendAsync(request));
    }

    public async Task<HttpResponseMessage> SendRaw(HttpMethod method, string url, string content, string editor = "Ann Editor", int? ifMatch = null, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, url);
        request.Headers.Add("X-Editor", editor);
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", $"\"{ifMatch}\"");
        request.Content = new StringContent(content, System.Text.Encoding.UTF8, contentType);
        return await client.SendAsync(request);
    }

    private static async Task<Answer<T>> Read<T>(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (response.IsSuccessStatusCode)
            return new(response, text.Length == 0 ? default : JsonSerializer.Deserialize<T>(text, Json), null);
        var problem = text.Length == 0 ? null : JsonSerializer.Deserialize<ProblemDetails>(text, Json);
        return new(response, default, problem);
    }

    private static object Fields(StoryContent content, string? slug, string? note) => new
    {
        slug, content.Headline, content.ShortHeadline, content.Standfirst, content.Byline, content.Body, note
    };
}
