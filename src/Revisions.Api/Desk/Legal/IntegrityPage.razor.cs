using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Revisions.Api.Evidence;
using Revisions.Api.Http;
using Revisions.Api.Stories;
using Revisions.Domain.Stories;

namespace Revisions.Api.Desk.Legal;

/// <summary>A broken version as the page names it: the story by slug and headline, when it still exists.</summary>
public sealed record BrokenStory(BrokenLink Link, string? Slug, string? Headline);

public partial class IntegrityPage
{
    /// <summary>
    /// The last signed checkpoint, and with <c>verify=now</c> a full check of every event against its hash-chain
    /// link and every checkpoint's signature (Evidence/IntegrityVerifier.cs, as <c>GET /api/integrity/verify</c>).
    /// </summary>
    public static async Task<IResult> Get(string? verify, HttpContext context, IQuerySession session, IDocumentStore store, CancellationToken cancellation)
    {
        var checkpoint = await session.Query<IntegrityCheckpoint>().OrderByDescending(c => c.At).FirstOrDefaultAsync(cancellation);
        IntegrityReport? report = null;
        IReadOnlyList<BrokenStory> broken = [];
        if (verify == "now")
        {
            report = await IntegrityVerifier.VerifyAsync(store, cancellation);
            var stories = await StoryLookup.LoadManyAsync(session, report.Broken.Select(b => b.StoryId), cancellation);
            broken = report.Broken.Select(b => stories.GetValueOrDefault(b.StoryId) is { } s
                ? new BrokenStory(b, s.Slug, s.AsShownTo(context).Content.Headline)
                : new BrokenStory(b, null, null)).ToList();
        }
        return new RazorComponentResult<IntegrityPage>(new
        {
            User = await DeskUser.OfAsync(context), Checkpoint = checkpoint, Report = report, Broken = broken
        });
    }
}
