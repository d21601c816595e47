using JasperFx.Events;
using JasperFx.Events.Aggregation;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Aggregation;
using Marten.Events.Projections;
using Revisions.Api.Corrections;
using Revisions.Api.Evidence;
using Revisions.Api.Http;
using Revisions.Api.Stories;
using Revisions.Api.Watch;
using Revisions.Domain.Corrections;
using Revisions.Domain.Stories;
using Weasel.Core;

namespace Revisions.Api.ReadModels;

/// <summary>
/// Every document Revisions stores, once. The projections are inline: written in the save's own transaction,
/// so whoever made a change reads it at once on every node and a failed save leaves no trace
/// (docs/architecture.md).
/// </summary>
public static class Catalogue
{
    public static readonly IReadOnlyList<ReadModel> All =
    [
        // Before the Story: a save's version rows start from the story the save fetched, which the Story's
        // projection then replaces with the state it saves (Stories/StoryVersion.cs).
        new(typeof(StoryVersion), new EraseRule.MaskRows("story_id"))
        {
            Projection = new StoryVersionsProjection(),
            Schema = StoryVersionsSchema,
            Replay = events =>
            {
                var rows = new VersionRows(null);
                return events.Where(e => e.Data is IStoryEvent).Select(rows.Next).ToList();
            },
            Compressed = true
        },
        // Each story's state, without its content: the content stays in the event that last set it
        // (Stories/StoryLookup.cs). Stored under the name "story", the name it has always had.
        new(typeof(StoryState), new EraseRule.MaskRows("id"))
        {
            Projection = new StoryProjection(),
            Schema = o => o.Schema.For<StoryState>().DocumentAlias("story").UniqueIndex(x => x.Slug).Duplicate(x => x.UpdatedAt),
            Replay = Latest<StoryState>(new StoryProjection()),
            Compressed = true
        },
        new(typeof(PublishedStory), new EraseRule.MaskRows("id"))
        {
            Projection = new PublishedStoryProjection(),
            // The public indexes and the sitemap order live stories by their first and latest publish.
            Schema = o => o.Schema.For<PublishedStory>().Duplicate(x => x.Slug)
                .Duplicate(x => x.FirstPublishedAt!).Duplicate(x => x.PublishedAt!),
            Replay = Latest<PublishedStory>(new PublishedStoryProjection()),
            Compressed = true
        },
        new(typeof(CorrectionEntry), new EraseRule.MaskRows("story_id"))
        {
            Projection = new CorrectionLogProjection(),
            Schema = o => o.Schema.For<CorrectionEntry>().Duplicate(x => x.StoryId).Duplicate(x => x.At).Duplicate(x => x.PublicAt),
            Replay = events =>
            {
                var fold = new CorrectionLogFold(false, null, []);
                var entries = new Dictionary<Guid, CorrectionEntry>();
                foreach (var e in events)
                    foreach (var entry in fold.Next(e)) entries[entry.Id] = entry;
                return entries.Values;
            }
        },
        new(typeof(StealthEditFlag), new EraseRule.MaskRows("story_id"))
        {
            // Inline, so the desk reads its own decisions: a flag is listed as soon as the publish that raised it
            // returns, and closed as soon as the note or dismissal that closed it does. Only the rare flag events
            // write it; every other save passes it by.
            Projection = new StealthEditFlagProjection(),
            Schema = o => o.Schema.For<StealthEditFlag>().Duplicate(x => x.StoryId),
            Replay = ByIdentity<StealthEditFlag>(new StealthEditFlagProjection(), StealthEditFlagProjection.FlagOf)
        },
        new(typeof(StorySearch), new EraseRule.Refolded(
            "names and joined fields are derived from the story's text, and what is found depends on the redactions in force, so its rows are folded again from the events the erasure has just masked"))
        {
            Projection = new StorySearchProjection(),
            Table = new OwnTable(StorySearchTable.Name, StorySearchTable.Define, StorySearchTable.InsertAsync),
            Replay = events => events.Count == 0 ? [] : StorySearch.Fold(events[0].StreamId, events)
        },
        // Evidence, not read models: chained in the event's own transaction and never rebuilt.
        new(typeof(ChainLink), new EraseRule.HoldsNoText("hashes of the events, which keep verifying after an erasure"))
        {
            Projection = new HashChainProjection(),
            Schema = o => o.Schema.For<ChainLink>().Duplicate(x => x.StoryId)
        },
        new(typeof(ErasureRecord), new EraseRule.HoldsNoText("the hashes an erasure replaced, never the text"))
        {
            Schema = o => o.Schema.For<ErasureRecord>().Duplicate(x => x.StoryId)
        },
        new(typeof(IntegrityCheckpoint), new EraseRule.HoldsNoText("signed Merkle roots over the chain's hashes"))
        {
            Schema = o => o.Schema.For<IntegrityCheckpoint>().Duplicate(x => x.At)
        },
        new(typeof(IdempotencyRecord), new EraseRule.HoldsNoText("a hash of the request and the versions it made, never its body"))
        {
            Schema = o => o.Schema.For<IdempotencyRecord>().Duplicate(x => x.ExpiresAt)
        },
        // Watching pages published elsewhere (docs/watch.md): what is watched, how polls went, and the bytes served.
        new(typeof(WatchSource), new EraseRule.HoldsNoText("addresses, intervals and how polls went; a page's text is in its story"))
        {
            Schema = o => o.Schema.For<WatchSource>().Duplicate(x => x.NextPollAt)
        },
        new(typeof(WatchedPage), new EraseRule.HoldsNoText("addresses, validators and how polls went; a page's text is in its story"))
        {
            Schema = o => o.Schema.For<WatchedPage>().Duplicate(x => x.NextPollAt).Duplicate(x => x.StoryId!)
        },
        // Evidence like the chain: never rebuilt, but an erasure reaches into the bytes (docs/legal.md).
        new(typeof(RawCapture), new EraseRule.MaskCaptures("story_id"))
        {
            Schema = o => o.Schema.For<RawCapture>().Duplicate(x => x.StoryId)
        },
        // Kept by Marten and Wolverine themselves; listed so that nothing stored escapes the question of erasure.
        new(typeof(DeadLetterEvent), new EraseRule.HoldsNoText("which event a projection could not apply and why, by sequence number")),
        new(typeof(Wolverine.Envelope), new EraseRule.HoldsNoText("messages between nodes, which name stories by id and carry no text"))
    ];

    /// <summary>Registers every document's projection and schema with the store.</summary>
    public static void Register(StoreOptions options, SearchSettings search)
    {
        foreach (var model in All.Where(m => m.Projection is not null || m.Schema is not null || m.Table is not null))
        {
            switch (model.Projection)
            {
                case IProjectionSource<IDocumentOperations, IQuerySession> source: options.Projections.Add(source, model.Lifecycle); break;
                // Marten's own rebuild (projections --rebuild) empties a table of Revisions' own before replaying into it.
                case IProjection projection when model.Table is { } own:
                    options.Projections.Add(projection, model.Lifecycle, asyncConfiguration: o => o.DeleteDataInTableOnTeardown(own.Identifier(options).QualifiedName));
                    break;
                case IProjection projection: options.Projections.Add(projection, model.Lifecycle); break;
                case null: break;
                default: throw new InvalidOperationException($"{model.Projection.GetType().Name} is not a projection Marten can run.");
            }
            model.Schema?.Invoke(options);
            if (model.Table is { } table) options.Storage.ExtendedSchemaObjects.AddRange(table.Define(options, search));
            else options.RegisterDocumentType(model.Document);
        }
        // The next save of a story chains onto the link this node committed last without reading it back.
        options.Listeners.Add(new HashChainProjection.Heads.Listener());
    }

    /// <summary>The table a document is stored in: Marten's document table, or the entry's own table.</summary>
    public static DbObjectName TableOf(ReadModel model, IReadOnlyStoreOptions options) =>
        model.Table?.Identifier((StoreOptions)options) ?? options.FindOrResolveDocumentType(model.Document).TableName;

    public static IEnumerable<ReadModel> Rebuilt => All.Where(m => m.Rebuilt);

    /// <summary>
    /// The biggest table (a row per event), so one index serves every per-story read: (story, version) orders a
    /// story's history, finds the version standing at an instant and its publishes. The other columns are copied
    /// out of the JSON for those filters but not indexed: every index costs each save and each rebuilt row.
    /// Fingerprints are looked up across stories, so they keep a (partial) index.
    /// </summary>
    private static void StoryVersionsSchema(StoreOptions options)
    {
        options.Policies.ForAllDocuments(mapping =>
        {
            if (mapping.DocumentType != typeof(StoryVersion)) return;
            mapping.DuplicateField(nameof(StoryVersion.StoryId), notNull: true);
            mapping.DuplicateField(nameof(StoryVersion.Version), notNull: true);
            mapping.AddIndex("story_id", "version");
            mapping.DuplicateField(nameof(StoryVersion.At), notNull: true);
            mapping.DuplicateField(nameof(StoryVersion.Kind), notNull: true);
        });
        options.Schema.For<StoryVersion>()
            .Duplicate(x => x.Fingerprint!, configure: index => index.Predicate = "fingerprint is not null");
    }

    /// <summary>A single-stream document: the projection's fold over the whole stream.</summary>
    private static Func<IReadOnlyList<IEvent>, IEnumerable<object>> Latest<T>(SingleStreamProjection<T, Guid> projection) where T : class =>
        events =>
        {
            T? document = null;
            foreach (var e in events) document = projection.Evolve(document, e.StreamId, e);
            return document is null ? [] : [document];
        };

    /// <summary>
    /// A multi-stream document keyed by something every one of its events names (a note, a flag). Such
    /// documents belong to one story each, so folding a story's events finds all of them whole.
    /// </summary>
    private static Func<IReadOnlyList<IEvent>, IEnumerable<object>> ByIdentity<T>(MultiStreamProjection<T, Guid> projection, Func<object, Guid?> identity)
        where T : class =>
        events =>
        {
            var documents = new Dictionary<Guid, T>();
            foreach (var e in events)
            {
                if (identity(e.Data) is not { } id) continue;
                if (projection.Evolve(documents.GetValueOrDefault(id), id, e) is { } document) documents[id] = document;
                else documents.Remove(id);
            }
            return documents.Values;
        };
}
