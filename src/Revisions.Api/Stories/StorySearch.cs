using System.Text.RegularExpressions;
using JasperFx.Events;
using Revisions.Domain.Corrections;
using Revisions.Domain.Legal;
using Revisions.Domain.Stories;

namespace Revisions.Api.Stories;

/// <summary>
/// The PostgreSQL text search configuration stories are indexed and searched with (<c>Revisions:Search:Language</c>,
/// default <c>english</c>): it decides how words are split, which are too common to index (stop words) and how
/// they are stemmed ("resigned" finds "resign"). <c>simple</c> stems nothing and suits a newsroom writing in
/// several languages; <c>german</c>, <c>french</c>, … suit one writing in one (<c>select cfgname from pg_ts_config</c>).
/// </summary>
public sealed record SearchSettings(string Language)
{
    public const string Section = "Revisions:Search";
    public static readonly SearchSettings Default = new("english");

    public static SearchSettings From(IConfiguration configuration)
    {
        var language = configuration[$"{Section}:Language"]?.Trim() ?? Default.Language;
        // The name is written into the index's definition, so it must be a plain identifier.
        if (!Regex.IsMatch(language, "^[A-Za-z_][A-Za-z0-9_]{0,62}$"))
            throw new InvalidOperationException($"{Section}:Language '{language}' is not the name of a PostgreSQL text search configuration, such as english or simple.");
        return new SearchSettings(language.ToLowerInvariant());
    }
}

/// <summary>
/// One row of the search index: a story's text as one audience may search it. The <see cref="Newsroom"/> row
/// holds the latest content, drafts included, and the text of its typed notes, as every newsroom role but legal
/// sees them: with the redactions in force applied, so no search finds a story by withdrawn words. The
/// <see cref="Live"/> row holds the content that is published, while it is, as published: the corrections' sibling
/// search reads it and checks what it finds against the text the caller may see. PostgreSQL keeps a weighted
/// <c>tsvector</c> of each row (headline above standfirst above body above notes) and a trigram index of its
/// <see cref="Names"/>, so a search is ranked and a misspelt name still finds its story.
/// </summary>
public sealed record StorySearch(Guid StoryId, string Scope, string Headline, string? Standfirst, string Body, string? Notes, string Names)
{
    /// <summary>The story's version the newsroom row's content was taken at: the indexer never writes older content over newer.</summary>
    public long Version { get; init; }

    public const string Newsroom = "newsroom";
    public const string Live = "live";

    /// <summary>At most this many names per story go to the trigram index: enough for any real story, bounded for any input.</summary>
    public const int MaxNames = 1_000;

    public static StorySearch Of(Guid storyId, string scope, StoryContent content, string? notes) => new(
        storyId, scope,
        Join(content.Headline, content.ShortHeadline) ?? "",
        Join(content.Standfirst),
        Join([content.Byline, .. content.Body.Select(b => b.Text)]) ?? "",
        notes,
        NamesIn(content));

    /// <summary>The newsroom row of <paramref name="content"/> and its notes, with <paramref name="redactions"/> applied.</summary>
    public static StorySearch NewsroomOf(Guid storyId, StoryContent content, IReadOnlyList<Redaction> redactions, IEnumerable<string> notes) =>
        Of(storyId, Newsroom, RedactionRules.Apply(content, redactions), Join([.. notes.Select(n => RedactedNote(n, redactions))]));

    /// <summary>A note's text as the newsroom row holds it: what a redaction withdraws left out.</summary>
    public static string RedactedNote(string text, IReadOnlyList<Redaction> redactions) => RedactionRules.ApplyToNote(text, redactions);

    /// <summary>
    /// The rows a story's events leave: its latest content with every typed note, redacted as the redactions in
    /// force say, and the content published last unless the story was taken down since. The rebuild folds whole
    /// streams with it; so does the projection when a redaction or an erasure changes what may be found.
    /// </summary>
    public static IReadOnlyList<StorySearch> Fold(Guid storyId, IEnumerable<IEvent> events)
    {
        Story? story = null;
        StoryContent? live = null;
        var notes = new List<string>();
        foreach (var e in events.Where(e => e.Data is IStoryEvent))
        {
            story = Story.Evolve(story, e.Data, (int)e.Version, EventTime.Of(e));
            switch (e.Data)
            {
                case StoryNoted noted: notes.Add(noted.Text); break;
                case StoryPublished published: live = published.Content; break;
                case StoryUnpublished: live = null; break;
            }
        }
        var rows = new List<StorySearch>();
        if (story is not null) rows.Add(NewsroomOf(storyId, story.Content, story.Redactions, notes) with { Version = story.Version });
        if (live is not null) rows.Add(Of(storyId, Live, live, null));
        return rows;
    }

    /// <summary>
    /// The words a misspelling should still find: every word of the headline, and every capitalised word
    /// elsewhere — names of people, places and organisations — each once, in the order they first appear.
    /// </summary>
    public static string NamesIn(StoryContent content)
    {
        // Runs on every save over the whole text: words are looked at where they stand, and only a name kept
        // becomes a string of its own.
        var names = new System.Text.StringBuilder();
        var count = 0;
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var lookup = seen.GetAlternateLookup<ReadOnlySpan<char>>();
        void Add(string? text, bool every)
        {
            if (text is null) return;
            foreach (var word in WordPattern.EnumerateMatches(text))
            {
                if (count >= MaxNames) return;
                var span = text.AsSpan(word.Index, word.Length);
                if ((!every && !char.IsUpper(span[0])) || !lookup.Add(span)) continue;
                if (count++ > 0) names.Append(' ');
                names.Append(span);
            }
        }
        Add(content.Headline, every: true);
        Add(content.ShortHeadline, every: true);
        Add(content.Standfirst, every: false);
        Add(content.Byline, every: false);
        foreach (var block in content.Body) Add(block.Text, every: false);
        return names.ToString();
    }

    private static readonly Regex WordPattern = new(@"[\p{L}\p{N}]+(?:['’\-][\p{L}\p{N}]+)*", RegexOptions.Compiled);

    /// <summary>The texts on lines of their own; the redaction marker is no text to find, so it is left out.</summary>
    private static string? Join(params string?[] parts)
    {
        var present = parts.Select(p => p?.Replace(RedactionRules.Marker, "").Trim()).Where(p => !string.IsNullOrEmpty(p)).ToList();
        return present.Count == 0 ? null : string.Join('\n', present);
    }
}
