using JasperFx.Events;
using Marten.Events.Projections;
using Revisions.Api.Stories;
using Revisions.Domain.Corrections;

namespace Revisions.Api.Corrections;

/// <summary>One typed note in the cross-story log the standards desk reads.</summary>
public sealed record CorrectionEntry
{
    public Guid Id { get; init; }
    public Guid StoryId { get; init; }
    public int AboutVersion { get; init; }
    /// <summary>The stream version of the note itself.</summary>
    public int NoteVersion { get; init; }
    public NoteKind Kind { get; init; }
    public string Text { get; init; } = "";
    public string Editor { get; init; } = "";
    public DateTimeOffset At { get; init; }
}

/// <summary>Gathers the notes of every story into one log, keyed by note.</summary>
public sealed class CorrectionLogProjection : MultiStreamProjection<CorrectionEntry, Guid>
{
    public CorrectionLogProjection()
    {
        Identity<StoryNoted>(e => e.NoteId);
    }

    public override CorrectionEntry Evolve(CorrectionEntry? snapshot, Guid id, IEvent e) => e.Data switch
    {
        StoryNoted n => new CorrectionEntry
        {
            Id = n.NoteId, StoryId = n.StoryId, AboutVersion = n.AboutVersion, NoteVersion = (int)e.Version,
            Kind = n.Kind, Text = n.Text, Editor = n.Editor, At = EventTime.Of(e)
        },
        _ => snapshot!
    };
}
