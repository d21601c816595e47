using JasperFx.Events;
using Marten.Events.Aggregation;
using Revisions.Domain.Legal;
using Revisions.Domain.Stories;

namespace Revisions.Api.Stories;

/// <summary>
/// The latest state of each story, updated in the same transaction as the save (inline). Only the state: a
/// save rewrites this row whole, and the content it would carry is already stored once, in the save's event.
/// </summary>
public sealed class StoryProjection : SingleStreamProjection<StoryState, Guid>
{
    public override StoryState Evolve(StoryState? snapshot, Guid id, IEvent e) =>
        e.Data is IStoryEvent || snapshot is not null
            // Given a Story, the fold would keep its content, and Marten would store the runtime type whole.
            ? StoryState.Evolve(snapshot?.WithoutContent(), e.Data, (int)e.Version, EventTime.Of(e))
            : snapshot!;
}

/// <summary>What the public can see of each story; only publish and unpublish change it.</summary>
public sealed class PublishedStoryProjection : SingleStreamProjection<PublishedStory, Guid>
{
    /// <summary>
    /// Only the events that change the public story: a draft save then has no slice here, so the inline
    /// projection neither loads nor rewrites the PublishedStory. Every other event leaves an existing
    /// snapshot as it is (<see cref="PublishedStory.Evolve"/>), and every stream starts with StoryCreated.
    /// </summary>
    public PublishedStoryProjection()
    {
        IncludeType<StoryCreated>();
        IncludeType<StoryPublished>();
        IncludeType<StoryUnpublished>();
        IncludeType<StoryRedacted>();
        IncludeType<RedactionLifted>();
        // An erasure inside redacted text keeps the redaction covering what is left (Legal/Redactions.cs).
        IncludeType<TextErased>();
    }

    public override PublishedStory Evolve(PublishedStory? snapshot, Guid id, IEvent e) =>
        PublishedStory.Evolve(snapshot, e.Data, (int)e.Version, EventTime.Of(e));
}
