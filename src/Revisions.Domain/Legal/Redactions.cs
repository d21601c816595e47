using System.Security.Cryptography;
using System.Text;
using Revisions.Domain.Corrections;
using Revisions.Domain.Stories;

namespace Revisions.Domain.Legal;

/// <summary>
/// A legal editor withdrew text from every public output (court order, privacy). The redaction names where
/// the text was seen — a content version and optionally one block or one field; neither means the whole
/// version — and carries the SHA-256 of each text it covers, so that it also covers that exact text wherever
/// it appears, in any version and position, without the event repeating the text. The original content
/// stays in the event store untouched; only what the public is shown changes.
/// </summary>
public sealed record StoryRedacted(
    Guid StoryId, Guid RedactionId, int ContentVersion, int? BlockIndex, string? Field,
    IReadOnlyList<string> TextHashes, string Reason, string Editor) : IStoryEvent
{
    /// <summary>
    /// The hashes of the passages of the withdrawn text that a note may quote (<see cref="Quotes"/>), so the
    /// redaction also withdraws them from notes (absent on redactions made by earlier releases).
    /// </summary>
    public IReadOnlyList<string>? QuoteHashes { get; init; }

    /// <summary>Set when the redaction withdraws a note (a correction, clarification, update or editorial note) rather than content.</summary>
    public Guid? NoteId { get; init; }

    // The reason is the version's note in the newsroom's history, as for any other change.
    string? IStoryEvent.Note => Reason;
}

/// <summary>A redaction stopped applying (an order was lifted or set aside); the redaction itself stays on record.</summary>
public sealed record RedactionLifted(Guid StoryId, Guid RedactionId, string Reason, string Editor) : IStoryEvent
{
    string? IStoryEvent.Note => Reason;
}

/// <summary>A redaction in force, as the read models carry it to apply it cheaply.</summary>
public sealed record Redaction(Guid RedactionId, int ContentVersion, int? BlockIndex, string? Field, IReadOnlyList<string> TextHashes, string Reason)
{
    /// <summary>The passages of the withdrawn text a note may quote (<see cref="StoryRedacted.QuoteHashes"/>).</summary>
    public IReadOnlyList<string> QuoteHashes { get; init; } = [];

    public Guid? NoteId { get; init; }

    public static Redaction Of(StoryRedacted e) =>
        new(e.RedactionId, e.ContentVersion, e.BlockIndex, e.Field, e.TextHashes, e.Reason) { QuoteHashes = e.QuoteHashes ?? [], NoteId = e.NoteId };

    /// <summary>This redaction, also covering what an erasure made of the texts it covered (<see cref="RedactionCover"/>).</summary>
    public Redaction Covering(RedactionCover cover) => this with
    {
        TextHashes = [.. TextHashes.Union(cover.TextHashes)], QuoteHashes = [.. QuoteHashes.Union(cover.QuoteHashes)]
    };
}

/// <summary>
/// An erasure masked text inside text a redaction withdraws, so the masked text has new hashes: these, which
/// the redaction covers from then on. Without them an erasure would lift the redaction of everything around
/// the erased words.
/// </summary>
public sealed record RedactionCover(Guid RedactionId, IReadOnlyList<string> TextHashes, IReadOnlyList<string> QuoteHashes);

/// <summary>
/// The redaction rule: a field or block is shown as <see cref="Marker"/> when the SHA-256 of its exact text
/// (as stored, after normalisation) is covered by a redaction in force. Nothing else is compared, so an edit
/// that changes the text even slightly is not covered and needs a redaction of its own.
/// </summary>
public static class RedactionRules
{
    public const string Marker = "[removed for legal reasons]";

    public static string Hash(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>The field names a redaction may name, as the API spells them.</summary>
    public static readonly IReadOnlyList<string> Fields =
        [StoryContent.Fields.Headline, StoryContent.Fields.ShortHeadline, StoryContent.Fields.Standfirst, StoryContent.Fields.Byline];

    /// <summary>
    /// The texts a redaction of <paramref name="content"/> covers: one block, one field, or (neither given)
    /// every field and block. Null when the block or field is not in that content.
    /// </summary>
    public static IReadOnlyList<string>? Target(StoryContent content, int? block, string? field)
    {
        if (block is { } index)
            return index >= 0 && index < content.Body.Count ? [content.Body[index].Text] : null;
        if (field is not null)
            return FieldText(content, field) is { } text ? [text] : null;
        return [.. Texts(content).Select(t => t.Text)];
    }

    /// <summary>
    /// The decision to redact: null when the named block or field is not in <paramref name="content"/> (the
    /// content of <paramref name="contentVersion"/>, read by the caller).
    /// </summary>
    public static StoryRedacted? Redact(Story story, Guid redactionId, int contentVersion, StoryContent content,
        int? block, string? field, string reason, string editor)
    {
        var texts = Target(content, block, field);
        if (texts is null) return null;
        var canonicalField = field is null ? null : Fields.First(f => f.Equals(field, StringComparison.OrdinalIgnoreCase));
        return new StoryRedacted(story.Id, redactionId, contentVersion, block, canonicalField,
            [.. texts.Select(Hash).Distinct()], reason.Trim(), editor) { QuoteHashes = [.. texts.SelectMany(Quotes.Hashes).Distinct()] };
    }

    /// <summary>
    /// The decision to withdraw a note (<paramref name="note"/>, read by the caller; null when the story has no
    /// such note): its text, and any passage of it quoted elsewhere, is shown as the marker.
    /// </summary>
    public static Decision RedactNote(this Story story, Guid noteId, StoryNoted? note, string reason, string editor) =>
        note is null
            ? Decision.Refuse(RefusalKind.NotFound, "Not found", $"The story has no note {noteId}.")
            : Decision.Append(new StoryRedacted(story.Id, Guid.CreateVersion7(), note.AboutVersion, null, "note", [Hash(note.Text)], reason.Trim(), editor)
            {
                QuoteHashes = [.. Quotes.Hashes(note.Text)], NoteId = noteId
            });

    /// <summary>A note's text as readers and non-legal roles see it: the passages a redaction withdraws, as the marker.</summary>
    public static string ApplyToNote(string text, IReadOnlyList<Redaction> redactions)
    {
        if (redactions.Count == 0) return text;
        if (Covered(redactions).Contains(Hash(text))) return Marker;
        return Quotes.Withdraw(text, redactions.SelectMany(r => r.QuoteHashes).ToHashSet(StringComparer.Ordinal), Marker);
    }

    /// <summary>
    /// An event as it is shown to someone who may not see redacted text: its content with the redactions applied,
    /// its note and remark with what they withdraw as the marker. The stored event is never changed.
    /// </summary>
    public static object ApplyToEvent(object @event, IReadOnlyList<Redaction> redactions)
    {
        if (redactions.Count == 0) return @event;
        string? Remark(string? note) => note is null ? null : ApplyToNote(note, redactions);
        return @event switch
        {
            StoryCreated e => e with { Content = Apply(e.Content, redactions), Note = Remark(e.Note) },
            StoryRevised e => e with { Content = Apply(e.Content, redactions), Note = Remark(e.Note) },
            StoryRestored e => e with { Content = Apply(e.Content, redactions), Note = Remark(e.Note) },
            StoryImported e => e with { Content = Apply(e.Content, redactions), Note = Remark(e.Note) },
            StoryPublished e => e with { Content = Apply(e.Content, redactions), Note = Remark(e.Note) },
            StoryUnpublished e => e with { Note = Remark(e.Note) },
            StoryNoted e => e with { Text = ApplyToNote(e.Text, redactions) },
            _ => @event
        };
    }

    /// <summary>Every text an event holds that a redaction may cover or a note may quote: content, notes, remarks.</summary>
    public static IEnumerable<string> TextsOf(object @event)
    {
        var content = @event switch { IContentEvent c => c.Content, StoryPublished p => p.Content, _ => null };
        if (content is not null)
            foreach (var (_, text) in Texts(content)) yield return text;
        if (@event is StoryNoted noted) yield return noted.Text;
        if ((@event as IStoryEvent)?.Note is { } remark) yield return remark;
    }

    /// <summary>
    /// What an erasure of <paramref name="erased"/> (replaced by <paramref name="marker"/>) makes of the texts
    /// the redactions in force cover, among <paramref name="texts"/> (every content text and note of the story,
    /// as stored before the erasure): the hashes the redactions must cover from then on.
    /// </summary>
    public static IReadOnlyList<RedactionCover> KeepThrough(IReadOnlyList<Redaction> redactions, IEnumerable<string> texts, string erased, string marker)
    {
        var touched = texts.Where(t => t.Contains(erased, StringComparison.Ordinal)).Distinct().ToList();
        var covers = new List<RedactionCover>();
        foreach (var redaction in redactions)
        {
            var whole = redaction.TextHashes.ToHashSet(StringComparer.Ordinal);
            var quotes = redaction.QuoteHashes.ToHashSet(StringComparer.Ordinal);
            var textHashes = new List<string>();
            var quoteHashes = new List<string>();
            foreach (var text in touched)
            {
                var masked = text.Replace(erased, marker, StringComparison.Ordinal);
                if (whole.Contains(Hash(text)))
                {
                    textHashes.Add(Hash(masked));
                    quoteHashes.AddRange(Quotes.Hashes(masked));
                    continue;
                }
                // Only the stretches the redaction covers in this text (a note quoting it): what they become is covered.
                foreach (var (start, end) in Quotes.Covered(text, quotes))
                    quoteHashes.AddRange(Quotes.Hashes(text[start..end].Replace(erased, marker, StringComparison.Ordinal)));
            }
            if (textHashes.Count + quoteHashes.Count > 0)
                covers.Add(new RedactionCover(redaction.RedactionId, [.. textHashes.Distinct()], [.. quoteHashes.Distinct()]));
        }
        return covers;
    }

    /// <summary>
    /// The decision to withdraw text that <paramref name="shown"/> (version <paramref name="contentVersion"/> as
    /// read by the caller; null when there is no such version) published: refused when that version saved no
    /// content of its own or has no such block or field.
    /// </summary>
    public static Decision Redact(this Story story, int contentVersion, VersionContent? shown, int? block, string? field, string reason, string editor)
    {
        if (shown is null || contentVersion > story.Version) return Refusal.NoSuchVersion(story.Version, contentVersion);
        if (shown.ContentVersion != contentVersion)
            return Decision.Refuse(RefusalKind.NotFound, "Not found",
                $"Version {contentVersion} did not save content ({shown.Kind}); the content it showed is version {shown.ContentVersion}'s.");
        var redacted = Redact(story, Guid.CreateVersion7(), contentVersion, shown.Content, block, field, reason, editor);
        if (redacted is not null) return Decision.Append(redacted);
        var body = shown.Content.Body.Count;
        return Decision.Refuse(RefusalKind.NotFound, "Not found", block is { } b
            ? $"Version {contentVersion} has {body} blocks (0 to {body - 1}); there is no block {b}."
            : $"Version {contentVersion} has no {field}.");
    }

    /// <summary>A redaction stops applying; only one in force can be lifted.</summary>
    public static Decision LiftRedaction(this Story story, Guid redactionId, string reason, string editor) =>
        story.Redactions.Any(r => r.RedactionId == redactionId)
            ? Decision.Append(new RedactionLifted(story.Id, redactionId, reason.Trim(), editor))
            : Decision.Refuse(RefusalKind.NotFound, "Not found", $"The story has no redaction {redactionId} in force.");

    /// <summary>The content with every covered field and block replaced by <see cref="Marker"/>.</summary>
    public static StoryContent Apply(StoryContent content, IReadOnlyList<Redaction> redactions)
    {
        if (redactions.Count == 0) return content;
        var covered = Covered(redactions);
        string? Clean(string? text) => text is not null && covered.Contains(Hash(text)) ? Marker : text;
        return new StoryContent(
            Clean(content.Headline)!, Clean(content.ShortHeadline), Clean(content.Standfirst), Clean(content.Byline),
            [.. content.Body.Select(b => b with { Text = Clean(b.Text)! })]);
    }

    /// <summary>Where <paramref name="content"/> is covered: "headline", "standfirst", "body/2", …</summary>
    public static IReadOnlyList<string> RedactedParts(StoryContent content, IReadOnlyList<Redaction> redactions)
    {
        if (redactions.Count == 0) return [];
        var covered = Covered(redactions);
        return [.. Texts(content).Where(t => covered.Contains(Hash(t.Text))).Select(t => t.Part)];
    }

    private static HashSet<string> Covered(IReadOnlyList<Redaction> redactions) =>
        redactions.SelectMany(r => r.TextHashes).ToHashSet(StringComparer.Ordinal);

    private static string? FieldText(StoryContent content, string field) => field.ToLowerInvariant() switch
    {
        "headline" => content.Headline,
        "shortheadline" => content.ShortHeadline,
        "standfirst" => content.Standfirst,
        "byline" => content.Byline,
        _ => null
    };

    private static IEnumerable<(string Part, string Text)> Texts(StoryContent content)
    {
        foreach (var field in Fields)
            if (FieldText(content, field) is { } text) yield return (field, text);
        for (var i = 0; i < content.Body.Count; i++) yield return ($"body/{i}", content.Body[i].Text);
    }
}
