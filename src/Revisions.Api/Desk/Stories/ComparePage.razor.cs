using System.Globalization;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Revisions.Api.Desk.Shared;
using Revisions.Api.Diffs;
using Revisions.Api.Http;
using Revisions.Api.Stories;
using Revisions.Diff;
using Revisions.Domain.Legal;
using Revisions.Domain.Stories;

namespace Revisions.Api.Desk.Stories;

/// <summary>
/// Any two versions compared, inline or side by side, with whitespace, punctuation or case left out on request:
/// the versions are resolved as <c>GET /api/stories/{id}/diff</c> resolves them (Diffs/VersionSelector.cs), shown
/// with the redactions in force unless the person is legal, and compared by the diff engine.
/// </summary>
public partial class ComparePage
{
    public static string Url(string slug, int from, int to, string view, IEnumerable<string> ignore)
    {
        var query = new List<KeyValuePair<string, string?>> { new("from", from.ToString(CultureInfo.InvariantCulture)), new("to", to.ToString(CultureInfo.InvariantCulture)) };
        if (view == "side-by-side") query.Add(new("view", view));
        query.AddRange(ignore.Select(i => new KeyValuePair<string, string?>("ignore", i)));
        return QueryHelpers.AddQueryString($"/desk/stories/{slug}/compare", query);
    }

    public static async Task<IResult> Get(string slug, string? from, string? to, string? view, string[]? ignore, HttpContext context,
        IQuerySession session, CancellationToken cancellation)
    {
        var story = await StoryLookup.FindAsync(session, slug, cancellation);
        if (story is null) return await DeskNotFoundPage.RenderAsync(context, StoryLookup.Missing(slug));
        return await RenderAsync(context, session, story, from, to, view, ignore ?? [], null, null, 200, cancellation);
    }

    /// <summary>The comparison page; also the answer to a restore from it that was refused.</summary>
    public static async Task<IResult> RenderAsync(HttpContext context, IQuerySession session, Story story, string? from, string? to, string? view,
        IReadOnlyCollection<string> ignore, string? refusal, SavedMeanwhile? conflict, int status, CancellationToken cancellation)
    {
        var shownView = view == "side-by-side" ? "side-by-side" : "inline";
        var ignored = ignore.Where(i => DiffOptions.IgnoreNames.Contains(i)).Distinct().ToList();
        DiffOptions.TryParseIgnore(string.Join(",", ignored), out var options, out _);
        var (newer, toProblem) = await VersionSelector.ResolveAsync(session, story, "to", string.IsNullOrWhiteSpace(to) ? "latest" : to, cancellation);
        var (older, fromProblem) = newer is null ? (null, null)
            : await VersionSelector.ResolveAsync(session, story, "from", string.IsNullOrWhiteSpace(from) ? Math.Max(0, newer.Version - 1).ToString(CultureInfo.InvariantCulture) : from, cancellation);
        var error = refusal ?? (toProblem is not null ? DeskOutcome.Say(toProblem.ProblemDetails) : fromProblem is not null ? DeskOutcome.Say(fromProblem.ProblemDetails) : null);

        StoryDiff? diff = null;
        if (newer is not null && older is not null)
        {
            var redactions = Roles.RedactionsFor(context, story.Redactions);
            try
            {
                diff = StoryDiffer.Compare(RedactionRules.Apply(older.Content, redactions), RedactionRules.Apply(newer.Content, redactions), options);
            }
            catch (DiffTooLargeException e)
            {
                error = $"These versions are too large to compare: {e.Message}";
            }
        }
        var (fromVersion, toVersion) = (older?.Version ?? 0, newer?.Version ?? story.Version);
        var contentVersions = await ContentVersionsAsync(session, story.Id, [fromVersion, toVersion], cancellation);
        return new RazorComponentResult<ComparePage>(new
        {
            User = await DeskUser.OfAsync(context),
            Story = story.AsShownTo(context),
            From = fromVersion,
            To = toVersion,
            View = shownView,
            Ignore = (IReadOnlyCollection<string>)ignored,
            Diff = diff,
            CurrentContentVersion = story.ContentVersion,
            ContentVersions = contentVersions,
            Error = error,
            Conflict = conflict
        }) { StatusCode = error is not null && status == 200 ? 400 : status };
    }

    /// <summary>Which content each version showed, so a restore that would change nothing is not offered.</summary>
    private static async Task<IReadOnlyDictionary<int, int>> ContentVersionsAsync(IQuerySession session, Guid storyId, int[] versions, CancellationToken cancellation)
    {
        var keys = versions.Where(v => v >= 1).Select(v => StoryVersion.Key(storyId, v)).ToArray();
        var rows = await session.LoadManyAsync<StoryVersion>(cancellation, keys);
        return rows.ToDictionary(r => r.Version, r => r.Story.ContentVersion);
    }
}
