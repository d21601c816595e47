using JasperFx;
using JasperFx.Events;
using Marten;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Revisions.Api.Public;
using Revisions.Api.ReadModels;
using Revisions.Api.Storage;
using Revisions.Api.Stories;
using Revisions.Domain.Stories;
using Weasel.Core;
using Wolverine.Marten;

namespace Revisions.Api.Hosting;

public static class EventStore
{
    /// <summary>
    /// Marten holds every story's events and the documents built from them (ReadModels/Catalogue.cs).
    /// </summary>
    public static IServiceCollection AddRevisionsEventStore(this IServiceCollection services, IConfiguration configuration)
    {
        // The publish listener below names this node in its notices; the CLI's rebuild uses this store too.
        services.TryAddSingleton<NodeIdentity>();
        // The text search configuration the search index is built and read with (Stories/StorySearch.cs).
        services.TryAddSingleton(SearchSettings.From(configuration));
        services.AddMarten(sp =>
            {
                var options = new StoreOptions();
                options.Connection(Database.WithPreparedStatements(configuration.ConnectionString()));
                options.DatabaseSchemaName = "revisions";
                options.UseSystemTextJsonForSerialization(EnumStorage.AsString, Casing.CamelCase);
                options.Events.StreamIdentity = StreamIdentity.AsGuid;
                options.Events.TimeProvider = sp.GetService<TimeProvider>() ?? TimeProvider.System;
                // A story's state is an immutable record: the inline projection may start from the copy FetchForWriting
                // already read instead of loading it again in SaveChanges (one round trip fewer per save).
                options.Events.UseIdentityMapForAggregates = true;

                // Every document and its projection, from the one catalogue (ReadModels/Catalogue.cs).
                Catalogue.Register(options, sp.GetRequiredService<SearchSettings>());
                // Stored events are read back by these names, whatever namespace their types live in.
                options.Events.AddEventTypes(StoryEventKinds.All);
                // Open reader pages hear of a publish only once it is committed (Public/LiveUpdates.cs).
                options.Listeners.Add(new LiveUpdatesListener(sp.GetRequiredService<LiveUpdates>()));
                // ...and so do the pages open on every other node (Public/LiveUpdatesAcrossNodes.cs).
                options.Listeners.Add(new NotifyOtherNodes(sp.GetRequiredService<NodeIdentity>()));
                return options;
            })
            .UseLightweightSessions()
            // Every projection is inline today. Should one run async, Wolverine elects a leader among the nodes
            // sharing this database and hands it to one of them (replacing Marten's own hot/cold daemon election).
            .IntegrateWithWolverine(m => m.UseWolverineManagedEventSubscriptionDistribution = true)
            .ApplyAllDatabaseChangesOnStartup();
        // After the schema exists (hosted services start in the order they were added).
        services.AddHostedService<ContentCompression>();
        services.AddHostedService<StorySearchIndexing>();
        return services;
    }
}
