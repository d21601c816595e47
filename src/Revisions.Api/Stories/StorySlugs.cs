using JasperFx;
using Marten;
using Revisions.Domain.Stories;

namespace Revisions.Api.Stories;

/// <summary>Choosing a free slug for a new story, shared by every way a story can start (a save or an import).</summary>
public static class StorySlugs
{
    private const int Attempts = 50;

    /// <summary>"talks", else "talks-2", "talks-3", …; null when the first fifty are all taken.</summary>
    public static async Task<string?> FreeAsync(IQuerySession session, string baseSlug, CancellationToken cancellation)
    {
        for (var n = 1; n <= Attempts; n++)
        {
            var candidate = Slug.WithSuffix(baseSlug, n);
            if (!await TakenAsync(session, candidate, cancellation)) return candidate;
        }
        return null;
    }

    public static Task<bool> TakenAsync(IQuerySession session, string slug, CancellationToken cancellation) =>
        session.Query<StoryState>().AnyAsync(s => s.Slug == slug, cancellation);
}
