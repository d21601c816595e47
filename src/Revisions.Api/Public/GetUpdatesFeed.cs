using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Revisions.Api.Http;
using Wolverine.Http;

namespace Revisions.Api.Public;

public static class GetUpdatesFeedEndpoint
{
    public const string AtomType = "application/atom+xml";

    public static string Url(string slug) => $"/feeds/stories/{slug}/updates.atom";

    /// <summary>
    /// One published story's updates as Atom (RFC 4287), newest first: an entry per publish with its time, its
    /// public notes, a line on what changed and a link to its diff on the changes page. Built from what readers
    /// may see only (published content with the redactions in force, public notes).
    /// </summary>
    [WolverineGet("/feeds/stories/{slug}/updates.atom", OperationId = "StoryUpdatesFeed")]
    [Tags("Feeds"), AllowAnonymous, ProblemResponses(404, 410)]
    [ProducesResponseType<string>(200, AtomType)]
    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> Get(string slug, HttpContext context, IQuerySession session,
        CancellationToken cancellation)
    {
        var (visibility, story) = await PublicHistory.FindAsync(session, slug, cancellation);
        if (story is null)
            return visibility == Visibility.Removed
                ? TypedResults.Problem(statusCode: 410, title: "Gone", detail: "The story is no longer published.")
                : Problems.NotFound($"No published story has the slug '{(slug.Length <= 80 ? slug : slug[..80] + "…")}'.");

        var contents = await PublicHistory.PublishedContentAsync(session, story, cancellation);
        var site = $"{context.Request.Scheme}://{context.Request.Host}";
        var self = new Uri(site + Url(slug));
        var feed = new SyndicationFeed($"Updates: {story.Content.Headline}", null, new Uri(site + ReaderPage.StoryUrl(slug)), self.ToString(),
            story.Latest.At);
        feed.Links.Add(SyndicationLink.CreateSelfLink(self, AtomType));
        feed.Authors.Add(new SyndicationPerson { Name = ReaderPage.SiteName });

        var items = new List<SyndicationItem>();
        PublicUpdate? previous = null;
        foreach (var update in story.Updates)
        {
            var content = contents[update.Version];
            var title = previous is null ? $"First published: {content.Headline}" : $"Update {update.Number}: {content.Headline}";
            var lines = update.Notes.Select(n => $"{n.Label}: {n.Text}")
                .Append(UpdateSummary.Between(previous is null ? null : contents[previous.Version], content));
            // The permalink is the entry's id: it names this one publish and never changes.
            var item = new SyndicationItem(title, (SyndicationContent?)null, new Uri($"{site}{ReaderPage.ChangesUrl(slug)}#{ReaderPage.UpdateAnchor(update.Version)}"),
                site + ReaderPage.VersionUrl(slug, update.Version), update.At)
            {
                PublishDate = update.At,
                Summary = new TextSyndicationContent(string.Join("\n", lines))
            };
            item.Links.Add(new SyndicationLink(new Uri(site + ReaderPage.VersionUrl(slug, update.Version)), "related", "The story as this update published it", "text/html", 0));
            foreach (var kind in update.Notes.Select(n => n.Kind).Distinct()) item.Categories.Add(new SyndicationCategory(kind));
            items.Add(item);
            previous = update;
        }
        items.Reverse();
        feed.Items = items;

        ReaderPage.Secure(context);
        context.Response.Headers.CacheControl = "no-cache";
        return TypedResults.Text(Atom(feed), $"{AtomType}; charset=utf-8", Encoding.UTF8);
    }

    private static string Atom(SyndicationFeed feed)
    {
        using var output = new MemoryStream();
        using (var xml = XmlWriter.Create(output, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
            new Atom10FeedFormatter(feed).WriteTo(xml);
        return Encoding.UTF8.GetString(output.ToArray());
    }
}
