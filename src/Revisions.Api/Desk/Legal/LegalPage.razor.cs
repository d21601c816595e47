using System.Globalization;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Revisions.Api.Evidence;
using Revisions.Api.Http;
using Revisions.Api.Stories;
using Revisions.Domain.Stories;

namespace Revisions.Api.Desk.Legal;

/// <summary>A story to pick: its slug and headline as the signed-in person may see it.</summary>
public sealed record StoryChoice(string Slug, string Headline);

public partial class LegalPage
{
    private const int Choices = 200;

    /// <summary>The legal desk's front: pick a story and a moment; the stories under hold; the last checkpoint.</summary>
    public static async Task<IResult> Get(HttpContext context, IQuerySession session, CancellationToken cancellation) =>
        await RenderAsync(context, session, null, PickedMoment.Now, null, 200, cancellation);

    /// <summary>The picker's form: to the story's page at the moment picked.</summary>
    public static async Task<IResult> Open(string? story, string? at, string? offset, string? zone, HttpContext context, IQuerySession session,
        CancellationToken cancellation)
    {
        var (moment, error) = PickedMoment.Read(null, at, offset, zone);
        var named = story?.Trim();
        var found = string.IsNullOrEmpty(named) || error is not null ? null : await StoryLookup.FindStateAsync(session, named, cancellation);
        if (string.IsNullOrEmpty(named)) error = "Name the story: its slug or id.";
        else if (error is null && found is null) error = StoryLookup.Missing(named);
        if (error is not null || found is null) return await RenderAsync(context, session, named, moment, error, 400, cancellation);

        var query = new Dictionary<string, string?> { ["at"] = at, ["offset"] = moment.Offset?.ToString(CultureInfo.InvariantCulture), ["zone"] = moment.Zone };
        return TypedResults.Redirect(QueryHelpers.AddQueryString($"/desk/legal/stories/{found.Slug}",
            query.Where(q => !string.IsNullOrEmpty(q.Value))));
    }

    private static async Task<IResult> RenderAsync(HttpContext context, IQuerySession session, string? story, PickedMoment moment, string? error, int status,
        CancellationToken cancellation)
    {
        var recent = await session.Query<StoryState>().OrderByDescending(s => s.UpdatedAt).Take(Choices).ToListAsync(cancellation);
        var held = await session.Query<StoryState>().Where(s => s.ActiveHolds.Any()).OrderBy(s => s.Slug).Take(Choices).ToListAsync(cancellation);
        // The headlines of both lists in one read: a story in both is read once.
        var shown = (await StoryLookup.WithContentAsync(session, [.. recent.Concat(held).DistinctBy(s => s.Id)], cancellation)).ToDictionary(s => s.Id);
        StoryChoice Choice(StoryState s) => new(s.Slug, shown[s.Id].AsShownTo(context).Content.Headline);
        var checkpoint = await session.Query<IntegrityCheckpoint>().OrderByDescending(c => c.At).FirstOrDefaultAsync(cancellation);
        return new RazorComponentResult<LegalPage>(new
        {
            User = await DeskUser.OfAsync(context),
            Stories = recent.Select(Choice).ToList(),
            Held = held.Select(Choice).ToList(),
            Checkpoint = checkpoint, Story = story, Moment = moment, Error = error
        }) { StatusCode = status };
    }
}
