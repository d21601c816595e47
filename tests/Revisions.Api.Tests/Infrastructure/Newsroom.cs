using System.Net;
using System.Net.Http.Headers;
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

/// <summary>
/// The newsroom's side of the API, in the words of the tests. Writes (<see cref="Send{T}"/>) carry a bearer
/// token naming their editor: with every newsroom role for <c>new Newsroom(client)</c>, the chosen ones for
/// <see cref="As"/>, none for <see cref="Anonymous"/>. Reads go out with the client's default Authorization
/// header, set here to Ann Editor's desk roles but not legal, so reads of public views show what a non-legal
/// reader gets (redactions withheld) unless legal is asked for with <see cref="As"/>.
/// </summary>
public sealed class Newsroom
{
    public const string DefaultEditor = "Ann Editor";
    public static readonly JsonSerializerOptions Json = CreateJson();

    private readonly HttpClient client;
    private readonly string[]? roles;

    public Newsroom(HttpClient client) : this(client, TestTokens.AllRoles) { }

    /// <param name="roles">The roles every token carries; null for no token at all.</param>
    public Newsroom(HttpClient client, string[]? roles)
    {
        this.client = client;
        this.roles = roles;
        client.DefaultRequestHeaders.Authorization = roles is null ? null
            : new AuthenticationHeaderValue("Bearer", TestTokens.For(DefaultEditor, ReadRoles(roles)));
    }

    public HttpClient Client => client;

    /// <summary>The same API as someone holding only <paramref name="roles"/> (a fresh client of its own is best).</summary>
    public static Newsroom As(HttpClient client, params string[] roles) => new(client, roles);

    /// <summary>A reader: no token.</summary>
    public static Newsroom Anonymous(HttpClient client) => new(client, null);

    private static string[] ReadRoles(string[] roles) =>
        roles.Length > 1 ? roles.Where(r => r != Api.Http.Roles.Legal).ToArray() : roles;

    private AuthenticationHeaderValue? Bearer(string editor) =>
        roles is null ? null : new AuthenticationHeaderValue("Bearer", TestTokens.For(editor, roles));

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

    /// <summary>Every version of the story, following the list's pages (Link rel="next") to the end.</summary>
    public async Task<Answer<List<VersionSummary>>> Versions(string story)
    {
        var page = await Get<List<VersionSummary>>($"/api/stories/{story}/versions?pageSize=1000");
        var all = page.Value;
        while (page.Value is not null && NextPage(page.Response) is { } next)
        {
            page = await Get<List<VersionSummary>>(next);
            all!.AddRange(page.Body);
        }
        return page with { Value = all };
    }

    /// <summary>The URL a paged list's Link header gives as rel="next", if any.</summary>
    public static string? NextPage(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Link", out var links)
            ? System.Text.RegularExpressions.Regex.Match(string.Join(", ", links), "<([^>]*)>; rel=\"next\"") is { Success: true } next ? next.Groups[1].Value : null
            : null;

    public Task<Answer<List<JsonElement>>> Events(string story) => Get<List<JsonElement>>($"/api/stories/{story}/events");

    public async Task<Answer<T>> Get<T>(string url) => await Read<T>(await client.GetAsync(url));

    public async Task<Answer<T>> Send<T>(HttpMethod method, string url, string? editor, object? body, int? ifMatch = null)
    {
        using var request = new HttpRequestMessage(method, url);
        request.Headers.Authorization = Bearer(editor ?? "");
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", $"\"{ifMatch}\"");
        if (body is not null) request.Content = JsonContent.Create(body, body.GetType(), options: Json);
        return await Read<T>(await client.SendAsync(request));
    }

    public async Task<HttpResponseMessage> SendRaw(HttpMethod method, string url, string content, string editor = "Ann Editor", int? ifMatch = null, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, url);
        request.Headers.Authorization = Bearer(editor);
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
