using System.Text.Json;
using Revisions.Api.Tests.Infrastructure;
using Revisions.Domain.Stories;

namespace Revisions.Api.Tests.Corrections;

/// <summary>The standards desk's side of the API, for the tests in this folder.</summary>
public static class Standards
{
    public static async Task<(string Id, int Version)> PublishedStory(this Newsroom newsroom, StoryContent content)
    {
        var id = (await newsroom.Create(content)).Body.Id.ToString();
        var published = (await newsroom.Publish(id, 1)).Body;
        return (id, published.Version);
    }

    /// <summary>Saves new content and publishes it, optionally with a typed note on the save.</summary>
    public static async Task<int> ReviseAndPublish(this Newsroom newsroom, string id, int version, StoryContent content, string? noteKind = null, string? note = null)
    {
        var revised = await newsroom.Send<Api.Stories.StoryView>(HttpMethod.Put, $"/api/stories/{id}", "Bo Desk", new
        {
            content.Headline, content.ShortHeadline, content.Standfirst, content.Byline, content.Body, note, noteKind
        }, version);
        return (await newsroom.Publish(id, revised.Body.Version, editor: "Bo Desk")).Body.Version;
    }

    /// <summary>The open flags, read straight after the writes before it: the list never lags them.</summary>
    public static async Task<List<JsonElement>> OpenFlags(this Newsroom newsroom, string? storyId = null)
    {
        var flags = (await newsroom.Get<List<JsonElement>>("/api/flags")).Body;
        return storyId is null ? flags : flags.Where(f => f.GetProperty("flag").GetProperty("storyId").GetString() == storyId).ToList();
    }

    public static Task<Answer<JsonElement>> AddNote(this Newsroom newsroom, string id, string kind, string text, int? version = null) =>
        newsroom.Send<JsonElement>(HttpMethod.Post, $"/api/stories/{id}/notes", "Sam Standards", new { kind, text, version });

    public static StoryContent Story(string headline, params string[] paragraphs) =>
        new(headline, null, null, null, paragraphs.Select(Block.Paragraph).ToList());
}
