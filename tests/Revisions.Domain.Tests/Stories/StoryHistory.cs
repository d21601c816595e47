using Revisions.Domain.Stories;

namespace Revisions.Domain.Tests.Stories;

/// <summary>A story built from events, one minute apart, as decisions under test find it.</summary>
public static class StoryHistory
{
    public static readonly DateTimeOffset T0 = new(2025, 5, 16, 9, 0, 0, TimeSpan.Zero);
    public static readonly Guid Id = Guid.Parse("0196d3a0-0000-7000-8000-000000000001");

    public static StoryContent Draft(string headline = "Talks resume in Istanbul", params string[] paragraphs) =>
        new(headline, null, "The first direct negotiations since 2022", null,
            (paragraphs.Length == 0 ? ["Delegations met today."] : paragraphs).Select(Block.Paragraph).ToList());

    public static Story Replay(params IEnumerable<object> events)
    {
        Story? state = null;
        var version = 0;
        foreach (var e in events) state = Story.Evolve(state, e, ++version, T0.AddMinutes(version));
        return state!;
    }

    /// <summary>The story after <paramref name="decision"/>'s events, which must not be a refusal.</summary>
    public static Story Then(this Story story, Decision decision)
    {
        decision.Refusal.ShouldBeNull();
        var version = story.Version;
        return decision.Aggregate(story, (state, e) => Story.Evolve(state, e, ++version, T0.AddMinutes(version)));
    }

    public static Story Created(StoryContent? content = null) => Replay(Story.Create(Id, "talks", content ?? Draft(), "Ann", null));

    /// <summary>The content of <paramref name="story"/>'s current version, as a decision about it is given it.</summary>
    public static VersionContent Shown(this Story story, string kind = "revised") => new(story.Version, kind, story.ContentVersion, story.Content);
}
