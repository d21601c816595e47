using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Revisions.Api.Http;

namespace Revisions.Api.Watch;

/// <summary>What pausing and resuming share: change the source, then bring its pages in line.</summary>
public static class WatchSources
{
    public static string Missing(Guid id) => $"No watched source has the id {id}.";

    public static async Task<Results<Ok<SourceView>, ProblemHttpResult>> ChangeAsync(IDocumentSession session, Guid id,
        Func<WatchSource, WatchSource> change, CancellationToken cancellation)
    {
        var source = await session.LoadAsync<WatchSource>(id, cancellation);
        if (source is null) return Problems.NotFound(Missing(id));
        var changed = change(source);
        session.Store(changed);
        await session.SaveChangesAsync(cancellation);
        await WatchViews.RefreshPagesAsync(session, id, cancellation);
        await session.SaveChangesAsync(cancellation);
        return TypedResults.Ok(WatchViews.Of(changed, await WatchViews.PagesOfAsync(session, id, cancellation)));
    }
}
