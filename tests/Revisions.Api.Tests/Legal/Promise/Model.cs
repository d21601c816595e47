using System.Text.RegularExpressions;
using Revisions.Domain.Legal;

namespace Revisions.Api.Tests.Legal.Promise;

/// <summary>
/// Words no story would use by chance, one new word per use ("zq" + a day's prefix + a number), so a leak of a
/// draft, a redacted passage or an erased word is found by looking for its words.
/// </summary>
public sealed partial class Words(string day)
{
    private int _next;

    /// <summary><paramref name="count"/> new words as a sentence.</summary>
    public string Sentence(int count) => string.Join(' ', Enumerable.Range(0, count).Select(_ => $"zq{day}{++_next:D4}")) + ".";

    public static IEnumerable<string> In(string text) => Word().Matches(text).Select(m => m.Value);

    [GeneratedRegex(@"zq[a-z]+\d{4}")]
    private static partial Regex Word();
}

public sealed record Content(string Headline, IReadOnlyList<string> Blocks)
{
    public IEnumerable<string> Texts => [Headline, .. Blocks];
    public Content Mask(string word) => new(Mask(Headline, word), [.. Blocks.Select(b => Mask(b, word))]);
    public static string Mask(string text, string word) => text.Replace(word, LegalHolds.ErasedMarker, StringComparison.Ordinal);
}

public sealed class NoteModel(Guid id, string kind, string text, int about, bool isPublic)
{
    public Guid Id { get; } = id;
    public string Kind { get; } = kind;
    public string Text { get; set; } = text;
    public int About { get; } = about;
    /// <summary>Whether readers could see it now or at any time since it was written (public kind, its content live).</summary>
    public bool Public { get; set; } = isPublic;
}

/// <summary>One moment the public's view of the story changed: a publish or a dated capture (content), or an unpublish (none).</summary>
public sealed record Shown(DateTimeOffset From, int? ContentVersion);

/// <summary>
/// What Revisions promises about one story, kept by hand beside the API: its content versions, what the public saw
/// and when, which texts are public, which a redaction withdraws, which words were erased.
/// </summary>
public sealed class StoryModel(string slug)
{
    public string Slug { get; } = slug;
    public Guid Id { get; set; }
    public int Version { get; set; }
    public int ContentVersion { get; set; }
    public Dictionary<int, Content> Contents { get; } = [];
    public List<Shown> Timeline { get; } = [];
    public bool Live { get; set; }
    public int? LastPublish { get; set; }
    public int? LastPublishedContent { get; set; }
    public List<NoteModel> Notes { get; } = [];
    /// <summary>Notes written with a publish ("update" notes readers see) and with saves (never public).</summary>
    public List<(string Text, bool Public)> Remarks { get; } = [];
    public Dictionary<Guid, HashSet<string>> Redactions { get; } = [];
    public List<Guid> Holds { get; } = [];
    /// <summary>Every text the public was ever shown: what a publish put live or a capture saw.</summary>
    public HashSet<string> ShownTexts { get; } = [];
    /// <summary>Every word used, and the text it was written for (its paragraph, headline, note or remark).</summary>
    public Dictionary<string, string> Origin { get; } = [];
    public HashSet<string> ErasedWords { get; } = [];

    public Content Current => Contents[ContentVersion];

    public IEnumerable<int> PublicVersions => Timeline.Where(t => t.ContentVersion is not null).Select(t => t.ContentVersion!.Value);

    public HashSet<string> Covered => [.. Redactions.Values.SelectMany(c => c)];

    /// <summary>Records that the new words of <paramref name="words"/> belong to <paramref name="text"/>.</summary>
    public void Write(string words, string text)
    {
        foreach (var word in Words.In(words)) Origin.TryAdd(word, text);
    }

    /// <summary>
    /// Words no public surface may show: a word is public when the text it was written for was shown (published or
    /// captured) or is a public note, and is not redacted; a public note may quote any text not redacted. Drafts
    /// never shown, private notes and remarks, redacted text (quoted in notes too) and erased words are not.
    /// </summary>
    public HashSet<string> ForbiddenToPublic()
    {
        var covered = Covered;
        var publicNotes = Notes.Where(n => n.Public && !covered.Contains(n.Text)).Select(n => n.Text)
            .Concat(Remarks.Where(r => r.Public && !covered.Contains(r.Text)).Select(r => r.Text)).ToList();
        var quoted = publicNotes.SelectMany(Words.In).ToHashSet();
        return [.. Origin.Where(o => covered.Contains(o.Value) || ErasedWords.Contains(o.Key)
                                     || !(ShownTexts.Contains(o.Value) || quoted.Contains(o.Key))).Select(o => o.Key)];
    }

    /// <summary>Words no newsroom role but legal may read: those of redacted texts, wherever quoted, and erased words.</summary>
    public HashSet<string> ForbiddenToNewsroom()
    {
        var covered = Covered;
        return [.. Origin.Where(o => covered.Contains(o.Value)).Select(o => o.Key).Concat(ErasedWords)];
    }

    /// <summary>Erasure: the word goes from every text, and what a redaction covered stays covered in its masked form.</summary>
    public void Erase(string word)
    {
        ErasedWords.Add(word);
        foreach (var version in Contents.Keys.ToList()) Contents[version] = Contents[version].Mask(word);
        foreach (var note in Notes) note.Text = Content.Mask(note.Text, word);
        for (var i = 0; i < Remarks.Count; i++) Remarks[i] = (Content.Mask(Remarks[i].Text, word), Remarks[i].Public);
        foreach (var id in Redactions.Keys.ToList()) Redactions[id] = [.. Redactions[id].Select(t => Content.Mask(t, word))];
        foreach (var w in Origin.Keys.ToList()) Origin[w] = Content.Mask(Origin[w], word);
        var shown = ShownTexts.Select(t => Content.Mask(t, word)).ToList();
        ShownTexts.Clear();
        ShownTexts.UnionWith(shown);
    }

    /// <summary>What the public saw at <paramref name="instant"/>: the content version then, or null when nothing was public.</summary>
    public int? LiveAt(DateTimeOffset instant) =>
        Timeline.Where(t => t.From <= instant).OrderBy(t => t.From).LastOrDefault()?.ContentVersion;

    public IEnumerable<string> AllTexts => Contents.Values.SelectMany(c => c.Texts).Concat(Notes.Select(n => n.Text)).Concat(Remarks.Select(r => r.Text));
}
