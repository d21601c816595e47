using System.Collections;

namespace Revisions.Domain.Stories;

/// <summary>Why a change was refused, in the terms the caller answers with: nothing by that name, a clash with the story as it stands, or a request that cannot be met.</summary>
public enum RefusalKind
{
    NotFound,
    Conflict,
    Invalid
}

/// <summary>A change the story will not make, and why, in words for the person who asked.</summary>
public sealed record Refusal(RefusalKind Kind, string Title, string Detail)
{
    public static Refusal NoSuchVersion(int latest, int requested) =>
        new(RefusalKind.NotFound, "Not found", $"The story has versions 1 to {latest}; there is no version {requested}.");
}

/// <summary>
/// What a decision on a story came to: the events to append (none when the change is already made), or the
/// refusal. Decisions are pure: they read the story and the facts they were given and return one of these.
/// </summary>
public sealed class Decision : IReadOnlyList<object>
{
    private readonly IReadOnlyList<object> _events;

    private Decision(IReadOnlyList<object> events, Refusal? refusal) => (_events, Refusal) = (events, refusal);

    public Refusal? Refusal { get; }

    public bool IsRefused => Refusal is not null;

    /// <summary>Nothing to append: the story already is as asked.</summary>
    public static readonly Decision Nothing = new([], null);

    public static Decision Append(IReadOnlyList<object> events) => events.Count == 0 ? Nothing : new Decision(events, null);

    public static Decision Append(params object[] events) => Append((IReadOnlyList<object>)events);

    public static Decision Refuse(Refusal refusal) => new([], refusal);

    public static Decision Refuse(RefusalKind kind, string title, string detail) => Refuse(new Refusal(kind, title, detail));

    public static implicit operator Decision(Refusal refusal) => Refuse(refusal);

    public int Count => _events.Count;
    public object this[int index] => _events[index];
    public IEnumerator<object> GetEnumerator() => _events.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
