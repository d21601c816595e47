using System.Text;
using System.Xml;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Revisions.Api.Http;
using Revisions.Domain.Corrections;
using Revisions.Domain.Stories;
using Wolverine.Http;

namespace Revisions.Api.Corrections;

/// <summary>Atom feeds (RFC 4287) of public corrections, clarifications and updates.</summary>
public static class CorrectionsFeedEndpoint
{
    private const int FeedSize = 50;

    /// <summary>The latest public corrections, clarifications and updates across live stories, as Atom.</summary>
    [WolverineGet("/feeds/corrections.atom", OperationId = "CorrectionsFeed")]
    [Tags("Feeds"), AllowAnonymous]
    [ProducesResponseType<string>(200, "application/atom+xml")]
    public static async Task<ContentHttpResult> Get(HttpContext context, IQuerySession session, CancellationToken cancellation)
    {
        var notes = await PublicNotes.LatestAsync(session, FeedSize, cancellation);
        return Atom(context, "Corrections and updates", "/feeds/corrections.atom", notes);
    }

    /// <summary>One published story's public corrections, clarifications and updates, as Atom.</summary>
    [WolverineGet("/feeds/stories/{slug}/corrections.atom", OperationId = "StoryCorrectionsFeed")]
    [Tags("Feeds"), AllowAnonymous, ProblemResponses(404)]
    [ProducesResponseType<string>(200, "application/atom+xml")]
    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetForStory(string slug, HttpContext context, IQuerySession session, CancellationToken cancellation)
    {
        var story = await session.Query<PublishedStory>().Where(s => s.Slug == slug).FirstOrDefaultAsync(cancellation);
        if (story is null || !story.IsLive) return Problems.NotFound($"No published story has the slug '{slug}'.");
        var notes = (await PublicNotes.ForStoryAsync(session, story, cancellation)).Reverse().ToList();
        return Atom(context, $"Corrections and updates: {story.PublicContent()!.Headline}", $"/feeds/stories/{slug}/corrections.atom", notes);
    }

    private static ContentHttpResult Atom(HttpContext context, string title, string selfPath, IReadOnlyList<PublicNote> notes)
    {
        var site = $"{context.Request.Scheme}://{context.Request.Host}";
        var updated = notes.Count == 0 ? DateTimeOffset.UnixEpoch : notes.Max(n => n.Note.PublicAt!.Value);
        var output = new StringBuilder();
        using (var xml = XmlWriter.Create(output, new XmlWriterSettings { Indent = true, Encoding = Encoding.UTF8 }))
        {
            const string ns = "http://www.w3.org/2005/Atom";
            xml.WriteStartDocument();
            xml.WriteStartElement("feed", ns);
            xml.WriteElementString("id", ns, site + selfPath);
            xml.WriteElementString("title", ns, title);
            xml.WriteElementString("updated", ns, updated.ToString("yyyy-MM-ddTHH:mm:ssZ"));
            Link(xml, ns, "self", site + selfPath, "application/atom+xml");
            xml.WriteStartElement("author", ns);
            xml.WriteElementString("name", ns, "Revisions");
            xml.WriteEndElement();
            foreach (var published in notes)
            {
                var (note, story) = published;
                xml.WriteStartElement("entry", ns);
                xml.WriteElementString("id", ns, $"urn:uuid:{note.Id}");
                // Headlines with redactions applied: a redacted headline never reaches a feed reader.
                xml.WriteElementString("title", ns, $"{Label(note.Kind)}: {story.PublicContent()!.Headline}");
                // Dated by when readers could first see it, not when it was drafted.
                xml.WriteElementString("updated", ns, note.PublicAt!.Value.ToString("yyyy-MM-ddTHH:mm:ssZ"));
                xml.WriteElementString("published", ns, note.PublicAt!.Value.ToString("yyyy-MM-ddTHH:mm:ssZ"));
                Link(xml, ns, "alternate", $"{site}/stories/{story.Slug}/changes", "text/html");
                xml.WriteStartElement("category", ns);
                xml.WriteAttributeString("term", note.Kind.Name());
                xml.WriteEndElement();
                xml.WriteStartElement("content", ns);
                xml.WriteAttributeString("type", "text");
                xml.WriteString(published.Text);
                xml.WriteEndElement();
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
        }
        // StringBuilder output declares UTF-16; the response is UTF-8.
        return TypedResults.Text(output.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\""), "application/atom+xml; charset=utf-8");
    }

    private static void Link(XmlWriter xml, string ns, string rel, string href, string type)
    {
        xml.WriteStartElement("link", ns);
        xml.WriteAttributeString("rel", rel);
        xml.WriteAttributeString("href", href);
        xml.WriteAttributeString("type", type);
        xml.WriteEndElement();
    }

    public static string Label(NoteKind kind) => kind switch
    {
        NoteKind.Correction => "Correction",
        NoteKind.Clarification => "Clarification",
        NoteKind.Update => "Update",
        _ => "Note"
    };
}
