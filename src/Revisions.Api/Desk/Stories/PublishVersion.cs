using Marten;
using Revisions.Api.Stories;

namespace Revisions.Api.Desk.Stories;

/// <summary>Publish the story as it stands: the API's publish use case (Stories/PublishStory.cs), with the version the page showed.</summary>
public static class PublishVersion
{
    public static async Task<IResult> Post(string slug, IFormCollection form, HttpContext context, IDocumentSession session, TimeProvider clock,
        CancellationToken cancellation)
    {
        var expected = DeskForms.Int(form, "expectedVersion");
        var answer = await PublishStoryEndpoint.Post(slug, new PublishStory(expected, null, null), context, session);
        return await HistoryPage.AfterAsync(context, session, clock, slug, answer, expected, "published", cancellation);
    }
}
