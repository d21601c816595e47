using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Revisions.Api.Public;
using Revisions.Api.Corrections;
using Revisions.Api.Evidence;
using Revisions.Api.Stories;
using Revisions.Domain.Stories;
using Weasel.Core;
using Wolverine.Marten;

namespace Revisions.Api.Hosting;

public static class EventStore
{
    /// <summary>
    /// Marten holds every story's events and the read models built from them. The projections are inline:
    /// an editor who saves reads their own write at once, and a failed save leaves no trace in any of them.
    /// The one exception is the standards desk's flag list, built by the async daemon (see below).
    /// </summary>
    public static IServiceCollection AddRevisionsEventStore(this IServiceCollection services, IConfiguration configuration)
    {
        // The publish listener below names this node in its notices; the CLI's rebuild uses this store too.
        services.TryAddSingleton<NodeIdentity>();
        services.AddMarten(sp =>
            {
                var options = new StoreOptions();
                options.Connection(Database.WithPreparedStatements(configuration.ConnectionString()));
                options.DatabaseSchemaName = "revisions";
                options.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase);
                options.Events.StreamIdentity = StreamIdentity.AsGuid;
                options.Events.TimeProvider = sp.GetService<TimeProvider>() ?? TimeProvider.System;
                // Story is an immutable record: the inline projection may start from the copy FetchForWriting
                // already read instead of loading it again in SaveChanges (one round trip fewer per save).
                options.Events.UseIdentityMapForAggregates = true;

                options.Projections.Add<StoryProjection>(ProjectionLifecycle.Inline);
                options.Projections.Add<PublishedStoryProjection>(ProjectionLifecycle.Inline);
                options.Projections.Add(new StoryVersionsProjection(), ProjectionLifecycle.Inline);
                options.Projections.Add<CorrectionLogProjection>(ProjectionLifecycle.Inline);
                // Async: the desk's list may lag a publish by a moment, and building it off the write path keeps a
                // multi-stream projection out of every publish. Detection itself stays inline (it reads Story).
                // Wolverine runs it on exactly one node at a time and moves it when that node goes away.
                options.Projections.Add<StealthEditFlagProjection>(ProjectionLifecycle.Async);
                // Evidence, not a read model: chained in the event's own transaction and never rebuilt.
                options.Projections.Add(new HashChainProjection(), ProjectionLifecycle.Inline);
                // Open reader pages hear of a publish only once it is committed (Public/LiveUpdates.cs).
                options.Listeners.Add(new LiveUpdatesListener(sp.GetRequiredService<LiveUpdates>()));
                // ...and so do the pages open on every other node (Public/LiveUpdatesAcrossNodes.cs).
                options.Listeners.Add(new NotifyOtherNodes(sp.GetRequiredService<NodeIdentity>()));

                options.Schema.For<Story>()
                    .UniqueIndex(x => x.Slug)
                    .Duplicate(x => x.UpdatedAt);
                options.Schema.For<PublishedStory>().Duplicate(x => x.Slug);
                // The biggest table (a row per event), so one index serves every per-story read: (story, version)
                // orders a story's history, finds the version standing at an instant and its publishes. The other
                // columns are copied out of the JSON for those filters but not indexed: every index costs each save
                // and each rebuilt row. Fingerprints are looked up across stories, so they keep a (partial) index.
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
                options.Schema.For<CorrectionEntry>()
                    .Duplicate(x => x.StoryId)
                    .Duplicate(x => x.At);
                options.Schema.For<StealthEditFlag>().Duplicate(x => x.StoryId);
                options.Schema.For<ChainLink>().Duplicate(x => x.StoryId);
                options.Schema.For<ErasureRecord>().Duplicate(x => x.StoryId);
                options.Schema.For<IntegrityCheckpoint>().Duplicate(x => x.At);
                return options;
            })
            .UseLightweightSessions()
            // Wolverine elects a leader among the nodes sharing this database and hands each async projection
            // to one of them (replacing Marten's own hot/cold daemon election).
            .IntegrateWithWolverine(m => m.UseWolverineManagedEventSubscriptionDistribution = true)
            .ApplyAllDatabaseChangesOnStartup();
        // After the schema exists (hosted services start in the order they were added).
        services.AddHostedService<ContentCompression>();
        return services;
    }
}
