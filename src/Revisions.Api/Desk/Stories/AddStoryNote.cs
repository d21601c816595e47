using Marten;
using Revisions.Api.Corrections;
using Revisions.Api.Desk.Shared;

namespace Revisions.Api.Desk.Stories;

/// <summary>A typed note on the latest content: the API's note use case (Corrections/AddNote.cs), checked as it checks it.</summary>
public static class AddStoryNote
{
    public static async Task<IResult> Post(string slug, IFormCollection form, HttpContext context, IDocumentSession session, TimeProvider clock,
        CancellationToken cancellation)
    {
        var command = new AddNote(DeskForms.Text(form, "kind"), DeskForms.Text(form, "text"), null, null);
        var answer = DeskOutcome.Of(AddNoteEndpoint.Validate(command)) is { } invalid
            ? TypedResults.Problem(invalid)
            : (IResult)await AddNoteEndpoint.Post(slug, command, context, session);
        return await HistoryPage.AfterAsync(context, session, clock, slug, answer, null, "noted", cancellation);
    }
}
