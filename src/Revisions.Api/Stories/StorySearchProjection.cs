using JasperFx.Events;
using Marten;
using Marten.Events.Projections;
using Revisions.Domain.Corrections;
using Revisions.Domain.Legal;
using Revisions.Domain.Stories;
using Weasel.Core;

namespace Revisions.Api.Stories;

/// <summary>
/// Keeps the search index in step with each save, in its transaction. A save of content to a story that exists
/// only queues the story (<see cref="StorySearchTable.PendingName"/>): computing a row's weighted vector parses
/// and stems the whole story and was most of what a save cost PostgreSQL, while an editor saving every few
/// seconds needs it only for the next search. <see cref="StorySearchIndexer"/> writes the newest content of the
/// queued stories in the background, once however many saves came in between, and every newsroom search writes
/// what is still queued before it reads, so a search always finds what was saved before it began.
/// A new story's row is written at once, as are a typed note's text, the live row of a publish (public, so never
/// left for later) and its removal at a takedown. What the newsroom row may hold depends on the redactions in
/// force, so a redaction, the lifting of one or an erasure folds the story's rows again from its events as
/// stored — an erasure has just masked them (the catalogue's <c>EraseRule.Refolded</c>). Every row written here
/// carries the version its content was taken at, and the indexer writes only over older content, so content it
/// read before a redaction never replaces the rows the redaction folded.
/// </summary>
public sealed class StorySearchProjection : IProjection
{
    public async Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        var options = (StoreOptions)operations.DocumentStore.Options;
        var table = StorySearchTable.Identifier(options);
        var pending = StorySearchTable.PendingIdentifier(options);
        foreach (var stream in events.Where(e => e.Data is IStoryEvent).GroupBy(e => e.StreamId))
        {
            var ordered = stream.OrderBy(e => e.Version).ToList();
            if (ordered.Any(e => e.Data is TextErased or StoryRedacted or RedactionLifted))
            {
                await RefoldAsync(operations, table, stream.Key, ordered, cancellation);
                continue;
            }

            var created = ordered[0].Data is StoryCreated;
            var saved = ordered.LastOrDefault(e => e.Data is IContentEvent)?.Data as IContentEvent;
            if (saved is not null && !created) Queue(operations, pending, stream.Key, ordered[^1].Version);
            var noted = ordered.Select(e => e.Data).OfType<StoryNoted>().ToList();
            if ((saved is not null && created) || noted.Count > 0)
            {
                IReadOnlyList<Redaction> redactions = created ? [] : await RedactionsAsync(operations, stream.Key, cancellation);
                if (saved is not null && created)
                    Write(operations, table, StorySearch.NewsroomOf(stream.Key, saved.Content, redactions, []) with { Version = ordered[^1].Version });
                foreach (var note in noted)
                {
                    operations.QueueSqlCommand($"update {table} set notes = concat_ws(E'\\n', notes, nullif(?::text, '')) where story_id = ? and scope = ?",
                        StorySearch.RedactedNote(note.Text, redactions).Replace(RedactionRules.Marker, "").Trim(), stream.Key, StorySearch.Newsroom);
                }
            }
            switch (ordered.LastOrDefault(e => e.Data is StoryPublished or StoryUnpublished)?.Data)
            {
                case StoryPublished published:
                    Write(operations, table, StorySearch.Of(stream.Key, StorySearch.Live, published.Content, null));
                    break;
                case StoryUnpublished:
                    operations.QueueSqlCommand($"delete from {table} where story_id = ? and scope = ?", stream.Key, StorySearch.Live);
                    break;
            }
        }
    }

    /// <summary>Queues the story for <see cref="StorySearchIndexer"/>, which writes it once however many saves wait.</summary>
    private static void Queue(IDocumentOperations operations, DbObjectName pending, Guid storyId, long version) =>
        operations.QueueSqlCommand($"insert into {pending} (story_id, version) values (?, ?) on conflict do nothing", storyId, version);

    /// <summary>
    /// The redactions in force before this save, as the story's state holds them. A save through the write
    /// pipeline fetched that state for writing, and the session keeps it (UseIdentityMapForAggregates), so this
    /// costs no round trip.
    /// </summary>
    private static async Task<IReadOnlyList<Redaction>> RedactionsAsync(IDocumentOperations operations, Guid storyId, CancellationToken cancellation) =>
        (await operations.LoadAsync<StoryState>(storyId, cancellation))?.Redactions ?? [];

    /// <summary>Writes a row's text over the one stored, keeping the newsroom row's notes, in the language now configured.</summary>
    private static void Write(IDocumentOperations operations, DbObjectName table, StorySearch row) =>
        operations.QueueSqlCommand(
            $"insert into {table} (story_id, scope, headline, standfirst, body, names, version) values (?, ?, ?, ?::text, ?, ?, ?) " +
            "on conflict (story_id, scope) do update set headline = excluded.headline, standfirst = excluded.standfirst, " +
            "body = excluded.body, names = excluded.names, version = excluded.version, language = default",
            row.StoryId, row.Scope, row.Headline, (object?)row.Standfirst ?? DBNull.Value, row.Body, row.Names, row.Version);

    /// <summary>
    /// The story's rows made again from its events as they are stored now — an erasure has just masked them in
    /// this transaction — and the events of this save, which carry the redactions' changes.
    /// </summary>
    private static async Task RefoldAsync(IDocumentOperations operations, DbObjectName table, Guid storyId, List<IEvent> saving, CancellationToken cancellation)
    {
        var stored = await operations.Events.FetchStreamAsync(storyId, token: cancellation);
        var last = stored.Count == 0 ? 0 : stored[^1].Version;
        var rows = StorySearch.Fold(storyId, stored.Concat(saving.Where(e => e.Version > last)));
        operations.QueueSqlCommand($"delete from {table} where story_id = ?", storyId);
        foreach (var row in rows)
        {
            operations.QueueSqlCommand(
                $"insert into {table} (story_id, scope, headline, standfirst, body, notes, names, version) values (?, ?, ?, ?::text, ?, ?::text, ?, ?)",
                row.StoryId, row.Scope, row.Headline, (object?)row.Standfirst ?? DBNull.Value, row.Body, (object?)row.Notes ?? DBNull.Value, row.Names, row.Version);
        }
    }
}
