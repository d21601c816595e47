using CsCheck;
using Revisions.Domain.Stories;

namespace Revisions.Diff.Tests.Support;

/// <summary>
/// Random stories and random editorial edits for property tests. A small vocabulary on purpose: repeated
/// words and near-duplicate paragraphs are where alignment and pairing get hard.
/// </summary>
public static class StoryGen
{
    private static readonly string[] Vocabulary =
        ["talks", "Istanbul", "Russia", "Ukraine", "the", "of", "said", "minister", "ceasefire", "20%", "“no one”",
         "Kier", "Keir", "don't", "1,000", "и", "café", "🚒", "THE", "-", "(", ")"];

    public static readonly Gen<string> Word = Gen.OneOf(Vocabulary);

    public static readonly Gen<string> Sentence =
        Gen.Select(Word.Array[1, 9], Gen.OneOf("", ".", ",", "!", "?", ":", "  ", "\n"), Gen.OneOf(" ", " ", "  ", ", "),
            (words, end, separator) => string.Join(separator, words) + end);

    public static readonly Gen<Block> Block =
        Gen.Select(Sentence, Gen.Int[0, 5], (text, kind) => new Block(kind == 0 ? BlockType.Subheading : BlockType.Paragraph, text));

    private static readonly Gen<string?> OptionalField = Gen.Select(Gen.Int[0, 2], Sentence, (k, s) => k == 0 ? null : s);

    public static readonly Gen<StoryContent> Story =
        Gen.Select(Sentence, OptionalField, OptionalField, OptionalField, Block.Array[0, 12],
            (headline, shortHeadline, standfirst, byline, body) => new StoryContent(headline, shortHeadline, standfirst, byline, body));

    public record Edit(int Kind, int P, int Q, string Text);

    public static readonly Gen<Edit> AnEdit =
        Gen.Select(Gen.Int[0, 8], Gen.Int[0, 1000], Gen.Int[0, 1000], Sentence, (k, p, q, s) => new Edit(k, p, q, s));

    public static readonly Gen<DiffOptions> Options =
        Gen.Select(Gen.Bool, Gen.Bool, Gen.Bool, Gen.Bool, (w, p, c, g) =>
            new DiffOptions { IgnoreWhitespace = w, IgnorePunctuation = p, IgnoreCase = c, GroupRewrites = g });

    /// <summary>A story and a later version of it made by a few edits of the kinds editors make.</summary>
    public static readonly Gen<(StoryContent From, StoryContent To)> Revision =
        Gen.Select(Story, AnEdit.Array[0, 8], (story, edits) => (story, edits.Aggregate(story, ApplyEdit)));

    public static StoryContent ApplyEdit(StoryContent story, Edit e)
    {
        var body = story.Body.ToList();
        int At(int n) => n == 0 ? 0 : e.P % n;
        switch (e.Kind)
        {
            case 0: body.Insert(At(body.Count + 1), Domain.Stories.Block.Paragraph(e.Text)); break;
            case 1 when body.Count > 0: body.RemoveAt(At(body.Count)); break;
            case 2 or 3 when body.Count > 0:
                var i = At(body.Count);
                body[i] = body[i] with { Text = EditWords(body[i].Text, e) };
                break;
            case 4 when body.Count > 0:
                var from = At(body.Count);
                var moved = body[from];
                body.RemoveAt(from);
                body.Insert(e.Q % (body.Count + 1), moved);
                break;
            case 5 when body.Count > 0:
                var t = At(body.Count);
                body[t] = body[t] with { Type = body[t].Type == BlockType.Paragraph ? BlockType.Subheading : BlockType.Paragraph };
                break;
            case 6 when body.Count > 0: body.Insert(e.Q % (body.Count + 1), body[At(body.Count)]); break;
            case 7:
                return (e.P % 4) switch
                {
                    0 => story with { Headline = EditWords(story.Headline, e), Body = body },
                    1 => story with { ShortHeadline = story.ShortHeadline is null ? e.Text : null, Body = body },
                    2 => story with { Standfirst = EditWords(story.Standfirst ?? "", e), Body = body },
                    _ => story with { Byline = e.Text, Body = body }
                };
            case 8 when body.Count > 0:
                var s = At(body.Count);
                var words = body[s].Text.Split(' ');
                var cut = e.Q % words.Length;
                body[s] = body[s] with { Text = string.Join(' ', words[..cut]) };
                body.Insert(s + 1, Domain.Stories.Block.Paragraph(string.Join(' ', words[cut..])));
                break;
        }
        return story with { Body = body };
    }

    private static string EditWords(string text, Edit e)
    {
        var words = text.Split(' ').ToList();
        var at = e.Q % (words.Count + 1);
        switch (e.P % 5)
        {
            case 0: words.Insert(at, e.Text); break;
            case 1 when at < words.Count: words.RemoveAt(at); break;
            case 2 when at < words.Count: words[at] = e.Text; break;
            case 3 when at < words.Count: words[at] = words[at].ToUpperInvariant(); break;
            default: words.Insert(at, e.Text.Length > 0 ? e.Text[..1] : ","); break;
        }
        return string.Join(' ', words);
    }
}
