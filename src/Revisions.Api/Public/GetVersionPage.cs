using System.Globalization;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace Revisions.Api.Public;

public static class GetVersionPageEndpoint
{
    /// <summary>
    /// A permalink to one published update: the story exactly as that publish put it live. <c>n</c> is the
    /// version of the publish event, as on the changes page; any other version is 404. Each permalink is a
    /// Memento (RFC 7089): Memento-Datetime is the publish instant.
    /// </summary>
    [WolverineGet("/stories/{slug}/versions/{n}", OperationId = "ReadStoryVersion")]
    [Tags("Reader pages"), AllowAnonymous, ExcludeFromDescription]
    public static async Task<IResult> Get(string slug, string n, HttpContext context, IQuerySession session, CancellationToken cancellation)
    {
        var (visibility, story) = await PublicHistory.FindAsync(session, slug, cancellation);
        if (story is null) return GetStoryPageEndpoint.Missing(context, visibility);

        var update = int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? story.Find(version) : null;
        var content = update is null ? null : await PublicHistory.PublishedContentAsync(session, story, update.Version, cancellation);
        if (update is null || content is null)
            return ReaderPage.NotFound(context, "This story was never published in that version. Its changes page lists every published update.");

        var isLatest = update.Version == story.Latest.Version;
        context.Response.Headers[Mementos.MementoDatetime] = Mementos.Format(Mementos.DatetimeOf(update));
        context.Response.Headers.Link = Mementos.Links(context, slug, story);
        return ReaderPage.Render(context, $"{content.Headline} (update {update.Number})", html =>
        {
            html.Raw("<nav class=\"crumbs\" aria-label=\"Story\"><a href=\"").Attr(ReaderPage.StoryUrl(slug)).Raw("\">Current story</a> · <a href=\"")
                .Attr(ReaderPage.ChangesUrl(slug)).Raw("#").Raw(ReaderPage.UpdateAnchor(update.Version)).Raw("\">All changes</a></nav>\n");
            StoryMarkup.Article(html, content, meta =>
            {
                meta.Raw("<p class=\"updated\">Update ").Number(update.Number).Raw(" of ").Number(story.Updates.Count)
                    .Raw(update.Captured ? ", captured from an archive " : ", published ").Time(update.At).Raw("</p>\n");
                if (!isLatest)
                    meta.Raw("<p class=\"archived\" role=\"note\">This is an earlier version of the story. <a href=\"")
                        .Attr(ReaderPage.StoryUrl(slug)).Raw("\">Read the current version</a>.</p>\n");
                foreach (var note in update.Notes)
                    meta.Raw("<p class=\"note\"><strong>").Text(note.Label).Raw(":</strong> ").Text(note.Text).Raw("</p>\n");
            });
        });
    }
}
