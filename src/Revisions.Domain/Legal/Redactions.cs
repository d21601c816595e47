using System.Security.Cryptography;
using System.Text;
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
    public static Redaction Of(StoryRedacted e) => new(e.RedactionId, e.ContentVersion, e.BlockIndex, e.Field, e.TextHashes, e.Reason);
}

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
            [.. texts.Select(Hash).Distinct()], reason.Trim(), editor);
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
