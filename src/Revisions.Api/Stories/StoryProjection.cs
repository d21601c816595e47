using JasperFx.Events;
using Marten.Events.Aggregation;
using Revisions.Domain.Stories;

namespace Revisions.Api.Stories;

/// <summary>The latest state of each story, updated in the same transaction as the save (inline).</summary>
public sealed class StoryProjection : SingleStreamProjection<Story, Guid>
{
    public override Story Evolve(Story? snapshot, Guid id, IEvent e) =>
        e.Data is IStoryEvent || snapshot is not null
            ? Story.Evolve(snapshot, e.Data, (int)e.Version, EventTime.Of(e))
            : snapshot!;
}

/// <summary>What the public can see of each story; only publish and unpublish change it.</summary>
public sealed class PublishedStoryProjection : SingleStreamProjection<PublishedStory, Guid>
{
    public override PublishedStory Evolve(PublishedStory? snapshot, Guid id, IEvent e) =>
        PublishedStory.Evolve(snapshot, e.Data, (int)e.Version, EventTime.Of(e));
}
