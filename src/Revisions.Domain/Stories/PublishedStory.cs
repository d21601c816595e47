using Revisions.Domain.Legal;

namespace Revisions.Domain.Stories;

/// <summary>
/// What the public can see of a story: the content of the last publish, or nothing while it is down.
/// Drafts never reach this model, so anything built on it cannot leak one.
/// </summary>
public sealed record PublishedStory
{
    public Guid Id { get; init; }
    public string Slug { get; init; } = "";
    public bool IsLive { get; init; }
    public StoryContent? Content { get; init; }
    /// <summary>The content version that is (or was last) live.</summary>
    public int? ContentVersion { get; init; }
    /// <summary>The stream version of the publish event.</summary>
    public int? PublishVersion { get; init; }
    public DateTimeOffset? PublishedAt { get; init; }
    public DateTimeOffset? FirstPublishedAt { get; init; }
    /// <summary>The redactions in force: every public output shows <see cref="PublicContent"/>, never <see cref="Content"/>.</summary>
    public IReadOnlyList<Redaction> Redactions { get; init; } = [];

    /// <summary>The live content as readers may see it: with the redactions in force applied.</summary>
    public StoryContent? PublicContent() => Content is null ? null : RedactionRules.Apply(Content, Redactions);

    /// <summary>All the live text in reading order, one field or block per line: what searches look in.</summary>
    public string Text => TextOf(Content);

    /// <summary><see cref="Text"/> with the redactions in force applied: what may be quoted to anyone but legal.</summary>
    public string PublicText => TextOf(PublicContent());

    private static string TextOf(StoryContent? content) => content is null
        ? ""
        : string.Join('\n', new[] { content.Headline, content.ShortHeadline, content.Standfirst, content.Byline }
            .Concat(content.Body.Select(b => b.Text)).Where(t => !string.IsNullOrEmpty(t)));

    public static PublishedStory Evolve(PublishedStory? state, object @event, int version, DateTimeOffset at) => @event switch
    {
        StoryCreated e => new PublishedStory { Id = e.StoryId, Slug = e.Slug },
        StoryPublished e => (state ?? new PublishedStory { Id = e.StoryId }) with
        {
            IsLive = true, Content = e.Content, ContentVersion = e.ContentVersion, PublishVersion = version,
            PublishedAt = at, FirstPublishedAt = state?.FirstPublishedAt ?? at
        },
        StoryUnpublished => (state ?? new PublishedStory()) with { IsLive = false, Content = null },
        StoryRedacted e => (state ?? new PublishedStory { Id = e.StoryId }) with { Redactions = [.. state?.Redactions ?? [], Redaction.Of(e)] },
        RedactionLifted e => (state ?? new PublishedStory { Id = e.StoryId }) with
        {
            Redactions = [.. (state?.Redactions ?? []).Where(r => r.RedactionId != e.RedactionId)]
        },
        TextErased { Redactions: { Count: > 0 } covers } erased => (state ?? new PublishedStory { Id = erased.StoryId }) with
        {
            Redactions = StoryState.Cover(state?.Redactions ?? [], covers)
        },
        _ => state ?? new PublishedStory()
    };

    /// <summary>A note's text as readers see it: with what the redactions in force withdraw as the marker.</summary>
    public string PublicNote(string text) => RedactionRules.ApplyToNote(text, Redactions);
}
