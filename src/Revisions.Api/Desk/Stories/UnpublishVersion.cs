using Marten;
using Revisions.Api.Stories;

namespace Revisions.Api.Desk.Stories;

/// <summary>Take the story down: the API's unpublish use case (Stories/UnpublishStory.cs), with the version the page showed.</summary>
public static class UnpublishVersion
{
    public static async Task<IResult> Post(string slug, IFormCollection form, HttpContext context, IDocumentSession session, TimeProvider clock,
        CancellationToken cancellation)
    {
        var expected = DeskForms.Int(form, "expectedVersion");
        var answer = await UnpublishStoryEndpoint.Post(slug, new UnpublishStory(expected, null), context, session);
        return await HistoryPage.AfterAsync(context, session, clock, slug, answer, expected, "unpublished", cancellation);
    }
}
