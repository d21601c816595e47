using System.Text.RegularExpressions;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Revisions.Api.Http;
using Revisions.Api.Stories;
using Revisions.Diff;
using Revisions.Diff.Classification;
using Revisions.Domain.Legal;
using Revisions.Domain.Stories;
using Wolverine.Http;

namespace Revisions.Api.Corrections;

public sealed record SiblingStory(Guid StoryId, string Slug, string Headline, string Phrase, string Excerpt);

public sealed record Siblings(Guid CorrectionId, IReadOnlyList<PhraseChange> Phrases, IReadOnlyList<SiblingStory> Stories);

public static class FindSiblingsEndpoint
{
    private const int MaxStories = 200;

    /// <summary>
    /// Other published stories whose live text still carries a phrase this correction changed (a name, a
    /// number, a quote, a misspelling), so the desk can fix follow-ups and siblings too.
    /// </summary>
    [WolverineGet("/api/corrections/{id}/siblings", OperationId = "FindCorrectionSiblings")]
    [Tags("Corrections"), Authorize(Policy = Policies.Newsroom), ProblemResponses(404)]
    public static async Task<Results<Ok<Siblings>, ProblemHttpResult>> Get(Guid id, HttpContext context, IQuerySession session, SearchSettings search,
        CancellationToken cancellation)
    {
        var note = await session.LoadAsync<CorrectionEntry>(id, cancellation);
        if (note is null) return Problems.NotFound($"No correction or note has the id {id}.");

        return TypedResults.Ok(await FindAsync(session, search, context, note, cancellation));
    }

    /// <summary>The phrases <paramref name="note"/>'s version changed, and the other live stories still carrying one, as the caller may see them.</summary>
    public static async Task<Siblings> FindAsync(IQuerySession session, SearchSettings search, HttpContext context, CorrectionEntry note, CancellationToken cancellation)
    {
        var reveal = Roles.CanSeeRedacted(context);
        var phrases = await ChangedPhrasesAsync(session, note, await StoryLookup.RedactionsInForceAsync(session, context, note.StoryId, cancellation), cancellation);
        var found = new List<SiblingStory>();
        foreach (var phrase in phrases.Select(p => p.Old).Distinct())
        {
            // The search index finds the live stories with the phrase's words in order; the exact words are checked here.
            var ids = await StorySearches.LiveWithPhraseAsync(session, search, phrase, note.StoryId, MaxStories, cancellation);
            var candidates = (await session.LoadManyAsync<PublishedStory>(cancellation, ids)).Where(p => p.IsLive).OrderBy(p => p.Slug);
            var whole = new Regex($@"(?<![\p{{L}}\p{{N}}]){Regex.Escape(phrase)}(?![\p{{L}}\p{{N}}])", RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1));
            foreach (var story in candidates)
            {
                // Redacted text neither matches nor is quoted, except to legal.
                var text = reveal ? story.Text : story.PublicText;
                var match = whole.Match(text);
                if (match.Success && found.All(f => f.StoryId != story.Id))
                    found.Add(new SiblingStory(story.Id, story.Slug, (reveal ? story.Content : story.PublicContent())!.Headline, phrase, Excerpt(text, match.Index, match.Length)));
            }
        }
        return new Siblings(note.Id, phrases, found);
    }

    /// <summary>The phrases changed by the content version the note is about, against the content before it.</summary>
    private static async Task<IReadOnlyList<PhraseChange>> ChangedPhrasesAsync(IQuerySession session, CorrectionEntry note, IReadOnlyList<Redaction> redactions,
        CancellationToken cancellation)
    {
        var about = await StoryVersion.LoadAsync(session, note.StoryId, note.AboutVersion, cancellation);
        if (about is null || about.Story.ContentVersion <= 1) return [];
        var before = await StoryVersion.LoadAsync(session, note.StoryId, about.Story.ContentVersion - 1, cancellation);
        if (before is null) return [];
        return CorrectedPhrases.From(StoryDiffer.Compare(RedactionRules.Apply(before.Story.Content, redactions),
            RedactionRules.Apply(about.Story.Content, redactions), DiffOptions.StoredContent));
    }

    private static string Excerpt(string text, int index, int length)
    {
        var start = Math.Max(0, index - 60);
        var end = Math.Min(text.Length, index + length + 60);
        return (start > 0 ? "…" : "") + text[start..end].Replace('\n', ' ') + (end < text.Length ? "…" : "");
    }
}
