using Marten;
using Npgsql;
using Revisions.Domain.Legal;
using Revisions.Domain.Stories;

namespace Revisions.Api.Stories;

/// <summary>
/// Stories are addressed by id or by slug, wherever a route says {id}. The stored story holds its state only
/// (<see cref="StoryState"/>): its content stays in the event that last set it, and a reader who shows the
/// content reads the two together in one round trip (<see cref="FindAsync"/>, <see cref="LoadAsync"/>,
/// <see cref="LoadManyAsync"/>), as version rows are read (<see cref="StoryVersion.LoadAsync"/>).
/// </summary>
public static class StoryLookup
{
    /// <summary>The story with its content, by id or slug.</summary>
    public static async Task<Story?> FindAsync(IQuerySession session, string idOrSlug, CancellationToken cancellation)
    {
        if (Guid.TryParse(idOrSlug, out var id)) return await LoadAsync(session, id, cancellation);
        if (!Slug.IsValid(idOrSlug)) return null;
        // The expression the unique slug index is built on, so the index finds it.
        return (await ReadAsync(session, "where s.data ->> 'slug' = $1", idOrSlug, cancellation)).FirstOrDefault();
    }

    /// <summary>The story's state alone, by id or slug, for a reader who shows nothing of its content.</summary>
    public static async Task<StoryState?> FindStateAsync(IQuerySession session, string idOrSlug, CancellationToken cancellation)
    {
        if (Guid.TryParse(idOrSlug, out var id)) return await session.LoadAsync<StoryState>(id, cancellation);
        if (!Slug.IsValid(idOrSlug)) return null;
        return await session.Query<StoryState>().Where(s => s.Slug == idOrSlug).FirstOrDefaultAsync(cancellation);
    }

    /// <summary>The story with its content, by id.</summary>
    public static async Task<Story?> LoadAsync(IQuerySession session, Guid id, CancellationToken cancellation) =>
        (await ReadAsync(session, "where s.id = $1", id, cancellation)).FirstOrDefault();

    /// <summary>The stories of <paramref name="ids"/> with their content, by id; unknown ids are left out.</summary>
    public static async Task<IReadOnlyDictionary<Guid, Story>> LoadManyAsync(IQuerySession session, IEnumerable<Guid> ids, CancellationToken cancellation) =>
        (await ReadAsync(session, "where s.id = any($1)", ids.Distinct().ToArray(), cancellation)).ToDictionary(s => s.Id);

    /// <summary>
    /// <paramref name="states"/>, in their order, each with the content of its own content version (read in one
    /// round trip), for a list whose stories a LINQ query found.
    /// </summary>
    public static async Task<IReadOnlyList<Story>> WithContentAsync(IQuerySession session, IReadOnlyList<StoryState> states, CancellationToken cancellation)
    {
        if (states.Count == 0) return [];
        var options = session.DocumentStore.Options;
        await using var command = new NpgsqlCommand($"""
            select e.stream_id, e.data -> 'content'
            from {EventsTable(session)} e
            join unnest($1::uuid[], $2::bigint[]) as wanted(id, version) on e.stream_id = wanted.id and e.version = wanted.version
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = states.Select(s => s.Id).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = states.Select(s => (long)s.ContentVersion).ToArray() });
        var contents = new Dictionary<Guid, StoryContent>();
        await using (var reader = await session.ExecuteReaderAsync(command, cancellation))
            while (await reader.ReadAsync(cancellation))
                contents[reader.GetGuid(0)] = await options.Serializer().FromJsonAsync<StoryContent>(reader, 1, cancellation);
        return [.. states.Select(s => new Story(s.WithoutContent(), contents.TryGetValue(s.Id, out var content)
            ? content
            : throw new InvalidOperationException($"Story {s.Id} has no content event at version {s.ContentVersion}.")))];
    }

    /// <summary>The content the story's event at <paramref name="version"/> set (a content event's version).</summary>
    public static async Task<StoryContent> ContentAsync(IQuerySession session, Guid id, int version, CancellationToken cancellation)
    {
        await using var command = new NpgsqlCommand($"select data -> 'content' from {StoryLookup.EventsTable(session)} where stream_id = $1 and version = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        command.Parameters.Add(new NpgsqlParameter { Value = (long)version });
        await using var reader = await session.ExecuteReaderAsync(command, cancellation);
        if (!await reader.ReadAsync(cancellation))
            throw new InvalidOperationException($"Story {id} has no content event at version {version}.");
        return await session.DocumentStore.Options.Serializer().FromJsonAsync<StoryContent>(reader, 0, cancellation);
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
        Http.Roles.CanSeeRedacted(context) ? [] : (await session.LoadAsync<StoryState>(storyId, cancellation))?.Redactions ?? [];

    public static string Missing(string idOrSlug) => $"No story has the id or slug '{Truncate(idOrSlug)}'.";

    /// <summary>The stored stories' table (the state of each story).</summary>
    public static string StoriesTable(IQuerySession session) =>
        session.DocumentStore.Options.FindOrResolveDocumentType(typeof(StoryState)).TableName.QualifiedName;

    /// <summary>The event store's events table, where each story's content is kept in its content events.</summary>
    public static string EventsTable(IQuerySession session) => $"{session.DocumentStore.Options.Events.DatabaseSchemaName}.mt_events";

    /// <summary>
    /// The stories <paramref name="filter"/> picks, each with the content of its content event: every content event
    /// (created, revised, restored, imported, captured) holds the content whole as "content".
    /// </summary>
    private static async Task<IReadOnlyList<Story>> ReadAsync(IQuerySession session, string filter, object value, CancellationToken cancellation)
    {
        var options = session.DocumentStore.Options;
        await using var command = new NpgsqlCommand($"""
            select s.data, e.data -> 'content'
            from {StoriesTable(session)} s
            join {EventsTable(session)} e on e.stream_id = s.id and e.version = (s.data ->> 'contentVersion')::bigint
            {filter}
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = value });
        var stories = new List<Story>();
        await using var reader = await session.ExecuteReaderAsync(command, cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            var state = await options.Serializer().FromJsonAsync<StoryState>(reader, 0, cancellation);
            stories.Add(new Story(state, await options.Serializer().FromJsonAsync<StoryContent>(reader, 1, cancellation)));
        }
        return stories;
    }

    private static string Truncate(string value) => value.Length <= 80 ? value : value[..80] + "…";
}
