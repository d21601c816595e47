using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Revisions.Api.Http;
using Revisions.Api.Corrections;
using Revisions.Api.Stories;
using Revisions.Domain.Corrections;
using Revisions.Domain.Legal;
using Revisions.Domain.Stories;

namespace Revisions.Api.Desk.Standards;

public partial class CorrectionPage
{
    /// <summary>
    /// One note of the log, and the other live stories still carrying a phrase its version changed
    /// (Corrections/FindSiblings.cs, as <c>GET /api/corrections/{id}/siblings</c>), so they can be fixed too.
    /// </summary>
    public static async Task<IResult> Get(Guid id, HttpContext context, IQuerySession session, SearchSettings search, CancellationToken cancellation)
    {
        var user = await DeskUser.OfAsync(context);
        var note = await session.LoadAsync<CorrectionEntry>(id, cancellation);
        if (note is null)
            return new RazorComponentResult<CorrectionPage>(new { User = user, Error = $"No correction or note has the id {id}." }) { StatusCode = 404 };
        var story = await StoryLookup.LoadAsync(session, note.StoryId, cancellation);
        var siblings = await FindSiblingsEndpoint.FindAsync(session, search, context, note, cancellation);
        var text = RedactionRules.ApplyToNote(note.Text, Roles.RedactionsFor(context, story?.Redactions ?? []));
        return new RazorComponentResult<CorrectionPage>(new
        {
            User = user, Note = note with { Text = text }, Slug = story?.Slug ?? "", Headline = story?.AsShownTo(context).Content.Headline ?? "",
            Siblings = siblings
        });
    }
}
