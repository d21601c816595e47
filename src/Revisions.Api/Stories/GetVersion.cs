using Marten;
using Revisions.Api.Http;
using Wolverine.Http;

namespace Revisions.Api.Stories;

public static class GetVersionEndpoint
{
    /// <summary>The story exactly as it stood at version <c>n</c>, read from its version row, not replayed.</summary>
    [WolverineGet("/api/stories/{id}/versions/{n}", OperationId = "GetStoryVersion")]
    [Tags("Versions")]
    public static async Task<IResult> Get(string id, string n, HttpContext context, IQuerySession session, CancellationToken cancellation)
    {
        // By id, the row (joined to its content event) is one query away: answer from it without loading the
        // story first, and fall back to the checks below (slug, bad or missing version) only when there is no such row.
        if (Guid.TryParse(id, out var storyId) && int.TryParse(n, out var wanted) && wanted >= 1
            && await StoryVersion.LoadAsync(session, storyId, wanted, cancellation) is { } direct)
            return StoryWrites.Respond(context, direct.Story);

        var story = await StoryLookup.FindAsync(session, id, cancellation);
        if (story is null) return Problems.NotFound(StoryLookup.Missing(id));
        if (!int.TryParse(n, out var version) || version < 1)
            return Problems.BadRequest("Not a version number", $"'{n}' is not a version; versions are whole numbers from 1.");
        if (version > story.Version)
            return Problems.NoSuchVersion(story.Version, version);

        var row = await StoryVersion.LoadAsync(session, story.Id, version, cancellation);
        return row is null
            ? Problems.NotFound($"Version {version} is not in the read model yet; rebuild projections.")
            : StoryWrites.Respond(context, row.Story);
    }
}
