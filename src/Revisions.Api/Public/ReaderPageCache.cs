using Microsoft.AspNetCore.OutputCaching;

namespace Revisions.Api.Public;

/// <summary>
/// Published story pages are read far more often than they change, and they change only when something is
/// committed to that story's stream (a publish, a takedown, a note, a redaction, an erasure). So a story's
/// page (<c>/stories/{slug}</c>) is kept in the output cache, tagged by its slug, and evicted as soon as this
/// node commits anything but draft saves to the story (<see cref="LiveUpdatesListener"/>). A publish heard from another node
/// (<see cref="LiveUpdates.Announce"/>) evicts every page, since the notice names the story but not its slug;
/// other changes made on another node are not announced here, so the expiry is short: it bounds how long
/// they can go unseen on this node. Only 200 answers are kept: a slug not live yet is never cached as missing.
/// </summary>
public sealed class ReaderPageCache(IOutputCacheStore store)
{
    public const string StoryPageRoute = "/stories/{slug}";
    public static readonly TimeSpan Expiry = TimeSpan.FromSeconds(2);
    private const string AllPages = "reader-pages";

    public static string Tag(string slug) => "reader-page:" + slug;

    /// <summary>Drops the cached pages of these stories; the next reader gets a freshly built page.</summary>
    public async ValueTask EvictAsync(IEnumerable<string> slugs, CancellationToken cancellation = default)
    {
        foreach (var slug in slugs.Distinct()) await store.EvictByTagAsync(Tag(slug), cancellation);
    }

    /// <summary>Drops every cached page, without waiting: a publish is never held up by the cache.</summary>
    public void EvictAll() => _ = store.EvictByTagAsync(AllPages, CancellationToken.None).AsTask();

    /// <summary>The cache's base policy: stateless, as the cache store itself is built from the options that hold it.</summary>
    public sealed class Policy : IOutputCachePolicy
    {
        ValueTask IOutputCachePolicy.CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            var http = context.HttpContext;
            var cacheable = (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method))
                && http.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: StoryPageRoute }
                && http.Request.RouteValues["slug"] is string;
            context.EnableOutputCaching = cacheable;
            context.AllowCacheLookup = cacheable;
            context.AllowCacheStorage = cacheable;
            context.AllowLocking = true;
            if (!cacheable) return ValueTask.CompletedTask;
            context.CacheVaryByRules.QueryKeys = "*";
            context.ResponseExpirationTimeSpan = Expiry;
            context.Tags.Add(Tag((string)http.Request.RouteValues["slug"]!));
            context.Tags.Add(AllPages);
            return ValueTask.CompletedTask;
        }

        ValueTask IOutputCachePolicy.ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

        ValueTask IOutputCachePolicy.ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            if (context.HttpContext.Response.StatusCode != StatusCodes.Status200OK) context.AllowCacheStorage = false;
            return ValueTask.CompletedTask;
        }
    }
}
