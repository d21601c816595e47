using System.Net;
using Revisions.Api.Tests.Infrastructure;
using Revisions.Domain.Stories;

namespace Revisions.Api.Tests.Public;

/// <summary>A reader's side of the site: GET a page, keep its status, headers and HTML.</summary>
public sealed record ReaderPage(HttpStatusCode Status, string Html, HttpResponseMessage Response);

public static class Reader
{
    public static async Task<ReaderPage> Open(this Newsroom newsroom, string url)
    {
        var response = await newsroom.Client.GetAsync(url);
        return new ReaderPage(response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    public static StoryContent Story(string headline, params string[] paragraphs) =>
        new(headline, null, null, null, paragraphs.Select(Block.Paragraph).ToList());

    /// <summary>Creates a story and publishes it; returns its slug and the version of the publish event.</summary>
    public static async Task<(string Slug, int Version)> Publish(this Newsroom newsroom, StoryContent content, string? note = null)
    {
        var created = (await newsroom.Create(content)).Body;
        await newsroom.Publish(created.Slug, created.Version, note: note);
        return (created.Slug, (await newsroom.PublishVersions(created.Slug))[^1]);
    }

    /// <summary>
    /// Publishes what is saved now and returns the version of the publish event (a publish may append more
    /// than one event, such as a note before it, so the response's version is not always the publish's).
    /// </summary>
    public static async Task<int> PublishNow(this Newsroom newsroom, string slug, string? note = null)
    {
        var current = (await newsroom.Get(slug)).Body;
        (await newsroom.Publish(slug, current.Version, note: note)).Status.ShouldBe(HttpStatusCode.OK);
        return (await newsroom.PublishVersions(slug))[^1];
    }

    /// <summary>Saves new content over whatever is current.</summary>
    public static async Task SaveNow(this Newsroom newsroom, string slug, StoryContent content)
    {
        var current = (await newsroom.Get(slug)).Body;
        (await newsroom.Revise(slug, content, current.Version)).Status.ShouldBe(HttpStatusCode.OK);
    }

    public static async Task<List<int>> PublishVersions(this Newsroom newsroom, string slug) =>
        (await newsroom.Versions(slug)).Body.Where(v => v.Kind == "published").Select(v => v.Version).ToList();
}
