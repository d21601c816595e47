using Microsoft.AspNetCore.Http.HttpResults;
using Revisions.Domain.Legal;
using Revisions.Domain.Stories;

namespace Revisions.Api.Stories;

/// <summary>A story as the API shows it to the newsroom: its content flattened beside its state.</summary>
public sealed record StoryView(
    Guid Id,
    string Slug,
    int Version,
    StoryStatus Status,
    string Headline,
    string? ShortHeadline,
    string? Standfirst,
    string? Byline,
    IReadOnlyList<Block> Body,
    int ContentVersion,
    int? PublishedVersion,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? PublishedAt,
    DateTimeOffset? FirstPublishedAt,
    string CreatedBy,
    string LastEditor,
    DateTimeOffset? CapturedAt = null)
{
    public static StoryView Of(Story story) => new(
        story.Id, story.Slug, story.Version, story.Status,
        story.Content.Headline, story.Content.ShortHeadline, story.Content.Standfirst, story.Content.Byline, story.Content.Body,
        story.ContentVersion, story.PublishedVersion, story.CreatedAt, story.UpdatedAt, story.PublishedAt, story.FirstPublishedAt,
        story.CreatedBy, story.LastEditor);

    /// <summary>
    /// The story as the answer to a read, with its version as the ETag; with <paramref name="redactions"/> (those in
    /// force now, which may postdate the version read) applied unless the caller is legal.
    /// </summary>
    public static Ok<StoryView> Answer(HttpContext context, Story story, IReadOnlyList<Redaction> redactions)
    {
        Http.Versions.SetETag(context, story.Version);
        var shown = Http.Roles.RedactionsFor(context, redactions);
        return TypedResults.Ok(Of(shown.Count == 0 ? story : story with { Content = RedactionRules.Apply(story.Content, shown) }));
    }

    /// <summary>An earlier version as the answer to a read; one imported from a dated capture says when it was captured.</summary>
    public static Ok<StoryView> Answer(HttpContext context, VersionedStory version, IReadOnlyList<Redaction> redactions)
    {
        var answer = Answer(context, version.Story, redactions);
        return version.Row.Kind is "imported" or "created" && version.Row.CapturedAt is { } captured
            ? TypedResults.Ok(answer.Value! with { CapturedAt = captured })
            : answer;
    }
}

/// <summary>The fields a CMS sends when it saves a story.</summary>
public interface IStoryFields
{
    string? Headline { get; }
    string? ShortHeadline { get; }
    string? Standfirst { get; }
    string? Byline { get; }
    IReadOnlyList<Block>? Body { get; }
}

public static class StoryFields
{
    public static StoryContent ToContent(this IStoryFields fields) =>
        new(fields.Headline ?? "", fields.ShortHeadline, fields.Standfirst, fields.Byline, fields.Body ?? []);
}
