using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Revisions.Api.Http;
using Revisions.Domain.Corrections;
using Revisions.Domain.Legal;
using Wolverine.Http;

namespace Revisions.Api.Stories;

/// <summary>
/// One line of a story's history. <c>changes</c> and <c>changeSummary</c> classify a change of content;
/// <c>capturedAt</c> is set on versions imported from dated captures; <c>noteKind</c>, <c>noteText</c> and
/// <c>aboutVersion</c> say what a typed note (<c>noted</c>) says and which content it is about.
/// </summary>
public sealed record VersionSummary(
    int Version, DateTimeOffset At, string Editor, string? Note, string Kind, IReadOnlyList<string> ChangedFields,
    DateTimeOffset? CapturedAt = null, IReadOnlyList<string>? Changes = null, string? ChangeSummary = null,
    NoteKind? NoteKind = null, string? NoteText = null, int? AboutVersion = null);

public static class ListVersionsEndpoint
{
    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 1_000;

    /// <summary>
    /// A story's versions, oldest first, a page at a time (<c>page</c> from 1, <c>pageSize</c> up to 1,000,
    /// default 100): when, who, why, what kind of change and which fields. The <c>Link</c> header names the
    /// first, previous, next and last pages; <c>X-Total-Count</c> the number of versions.
    /// </summary>
    [WolverineGet("/api/stories/{id}/versions", OperationId = "ListStoryVersions")]
    [Tags("Versions"), Authorize(Policy = Policies.Newsroom), ProblemResponses(400, 404)]
    public static async Task<Results<Ok<List<VersionSummary>>, ProblemHttpResult>> Get(string id, int? page, int? pageSize, HttpContext context,
        IQuerySession session, CancellationToken cancellation)
    {
        var story = await StoryLookup.FindStateAsync(session, id, cancellation);
        if (story is null) return Problems.NotFound(StoryLookup.Missing(id));
        if (!Paging.TryRead(page, pageSize, DefaultPageSize, MaxPageSize, out var paging, out var problem)) return problem!;

        // Versions are numbered 1, 2, 3, … without gaps, so a page is a range of version numbers: read straight off
        // the (story, version) index, however deep the page.
        var (from, to) = (paging.Skip, paging.Skip + paging.Size);
        var versions = await session.Query<StoryVersion>()
            .Where(v => v.StoryId == story.Id && v.Version > from && v.Version <= to)
            .OrderBy(v => v.Version)
            .Select(v => new VersionSummary(v.Version, v.At, v.Editor, v.Note, v.Kind, v.ChangedFields, v.CapturedAt, v.Changes, v.ChangeSummary,
                v.NoteKind, v.NoteText, v.AboutVersion))
            .ToListAsync(cancellation);
        paging.Advertise(context, story.Version);
        // Notes and remarks as the caller may read them: what a redaction withdraws as the marker, unless legal.
        var redactions = Roles.RedactionsFor(context, story.Redactions);
        string? Shown(string? text) => text is null ? null : RedactionRules.ApplyToNote(text, redactions);
        return TypedResults.Ok(versions.Select(v => redactions.Count == 0 ? v : v with { Note = Shown(v.Note), NoteText = Shown(v.NoteText) }).ToList());
    }
}
