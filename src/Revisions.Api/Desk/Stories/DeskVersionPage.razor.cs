using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Revisions.Api.Http;
using Revisions.Api.Stories;
using Revisions.Domain.Legal;

namespace Revisions.Api.Desk.Stories;

/// <summary>One version as it read, from its row and its content event (as <c>GET /api/stories/{id}/versions/{n}</c>), with today's redactions applied unless legal.</summary>
public partial class DeskVersionPage
{
    public static async Task<IResult> Get(string slug, int n, HttpContext context, IQuerySession session, CancellationToken cancellation)
    {
        var story = await StoryLookup.FindStateAsync(session, slug, cancellation);
        if (story is null) return await DeskNotFoundPage.RenderAsync(context, StoryLookup.Missing(slug));
        var version = n >= 1 && n <= story.Version ? await StoryVersion.LoadAsync(session, story.Id, n, cancellation) : null;
        if (version is null) return await DeskNotFoundPage.RenderAsync(context, $"The story has versions 1 to {story.Version}; there is no version {n}.");
        return new RazorComponentResult<DeskVersionPage>(new
        {
            User = await DeskUser.OfAsync(context),
            Slug = story.Slug,
            Row = version.Row,
            Content = RedactionRules.Apply(version.Story.Content, Roles.RedactionsFor(context, story.Redactions)),
            Latest = story.Version,
            CurrentContentVersion = story.ContentVersion
        });
    }
}
