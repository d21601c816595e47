using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Revisions.Api.Http;
using Revisions.Domain.Stories;
using Wolverine.Http;

namespace Revisions.Api.Corrections;

/// <summary>
/// schema.org <c>NewsArticle</c> for a published story, with <c>dateModified</c> and a <c>correction</c> entry
/// (<c>CorrectionComment</c>) for each public note, as search engines and aggregators read them.
/// </summary>
public static class NewsArticleJsonLd
{
    public static JsonObject Build(PublishedStory story, IReadOnlyList<PublicNote> notes, string url)
    {
        var article = Describe(story, notes, url);
        // Optional fields a story lacks are left out rather than sent as null.
        foreach (var empty in article.Where(p => p.Value is null).Select(p => p.Key).ToList()) article.Remove(empty);
        return article;
    }

    /// <summary>
    /// The markup as the text of an HTML <c>&lt;script type="application/ld+json"&gt;</c> element. The encoder
    /// writes &lt;, &gt; and &amp; as \u escapes, so no story text can close the element (<c>&lt;/script&gt;</c>) or
    /// open a comment (<c>&lt;!--</c>) inside it; letters of every script stay as they are.
    /// </summary>
    public static string ForScriptElement(JsonObject article) => article.ToJsonString(ScriptSafe);

    private static readonly JsonSerializerOptions ScriptSafe = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    private static JsonObject Describe(PublishedStory story, IReadOnlyList<PublicNote> notes, string url) =>
        Describe(story, story.PublicContent()!, notes, url);

    // The text comes from the content with redactions applied, never from the stored original.
    private static JsonObject Describe(PublishedStory story, StoryContent content, IReadOnlyList<PublicNote> notes, string url) => new()
    {
        ["@context"] = "https://schema.org",
        ["@type"] = "NewsArticle",
        ["headline"] = content.Headline,
        ["alternativeHeadline"] = content.ShortHeadline,
        ["description"] = content.Standfirst,
        ["author"] = content.Byline is { } byline ? new JsonObject { ["@type"] = "Person", ["name"] = byline } : null,
        ["url"] = url,
        ["datePublished"] = story.FirstPublishedAt?.ToString("O"),
        ["dateModified"] = story.PublishedAt?.ToString("O"),
        ["correction"] = new JsonArray(notes.Select(n => (JsonNode)new JsonObject
        {
            ["@type"] = "CorrectionComment",
            ["text"] = $"{CorrectionsFeedEndpoint.Label(n.Note.Kind)}: {n.Text}",
            ["datePublished"] = n.Note.PublicAt!.Value.ToString("O")
        }).ToArray())
    };

    /// <summary>The published story as schema.org NewsArticle JSON-LD, with its public corrections; public.</summary>
    [WolverineGet("/api/stories/{id}/jsonld", OperationId = "StoryJsonLd")]
    [Tags("Corrections"), AllowAnonymous, ProblemResponses(404)]
    [ProducesResponseType<string>(200, "application/ld+json")]
    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> Get(string id, HttpContext context, IQuerySession session, CancellationToken cancellation)
    {
        var story = await Stories.StoryLookup.FindPublishedAsync(session, id, cancellation);
        if (story is null || !story.IsLive) return Problems.NotFound($"No published story has the id or slug '{id}'.");
        var notes = await PublicNotes.ForStoryAsync(session, story, cancellation);
        var url = $"{context.Request.Scheme}://{context.Request.Host}/stories/{story.Slug}";
        return TypedResults.Text(Build(story, notes, url).ToJsonString(), "application/ld+json; charset=utf-8");
    }
}
