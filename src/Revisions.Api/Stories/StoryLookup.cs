using Marten;
using Revisions.Domain.Legal;
using Revisions.Domain.Stories;

namespace Revisions.Api.Stories;

/// <summary>Stories are addressed by id or by slug, wherever a route says {id}.</summary>
public static class StoryLookup
{
    public static async Task<Story?> FindAsync(IQuerySession session, string idOrSlug, CancellationToken cancellation)
    {
        if (Guid.TryParse(idOrSlug, out var id))
            return await session.LoadAsync<Story>(id, cancellation);
        if (!Slug.IsValid(idOrSlug)) return null;
        return await session.Query<Story>().Where(s => s.Slug == idOrSlug).FirstOrDefaultAsync(cancellation);
    }

    /// <summary>The public model of a story, by id or slug; whether it is live is the caller's question.</summary>
    public static async Task<PublishedStory?> FindPublishedAsync(IQuerySession session, string idOrSlug, CancellationToken cancellation)
    {
        if (Guid.TryParse(idOrSlug, out var id))
            return await session.LoadAsync<PublishedStory>(id, cancellation);
        if (!Slug.IsValid(idOrSlug)) return null;
        return await session.Query<PublishedStory>().Where(s => s.Slug == idOrSlug).FirstOrDefaultAsync(cancellation);
    }

    /// <summary>
    /// The redactions in force on a story, for a caller who must see them applied (anyone but legal); none for legal.
    /// An earlier version is shown with today's redactions, which it did not carry itself.
    /// </summary>
    public static async Task<IReadOnlyList<Redaction>> RedactionsInForceAsync(IQuerySession session, HttpContext context, Guid storyId, CancellationToken cancellation) =>
        Http.Roles.CanSeeRedacted(context) ? [] : (await session.LoadAsync<Story>(storyId, cancellation))?.Redactions ?? [];

    public static string Missing(string idOrSlug) => $"No story has the id or slug '{Truncate(idOrSlug)}'.";

    private static string Truncate(string value) => value.Length <= 80 ? value : value[..80] + "…";
}
