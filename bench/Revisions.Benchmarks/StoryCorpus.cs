using Revisions.Domain.Stories;

namespace Revisions.Benchmarks;

/// <summary>
/// Deterministic test material: a news-like story of about 5,000 words (seeded, so every run compares the
/// same texts) and a later version with 20 scattered edits of the kinds editors make.
/// </summary>
public static class StoryCorpus
{
    private static readonly string[] Words =
    [
        "the", "of", "and", "to", "in", "a", "said", "on", "for", "that", "with", "was", "as", "by", "at", "from",
        "talks", "Istanbul", "Russia", "Ukraine", "delegation", "minister", "president", "officials", "ceasefire",
        "negotiations", "Moscow", "Kyiv", "peace", "forces", "region", "villages", "Donetsk", "Crimea", "territory",
        "allies", "sanctions", "envoy", "statement", "meeting", "Thursday", "Friday", "spokesman", "government",
        "troops", "frontline", "attack", "drones", "missiles", "energy", "grain", "exports", "prisoners", "exchange",
        "agreement", "summit", "leaders", "Washington", "Brussels", "Ankara", "Turkish", "foreign", "defence",
        "military", "civilians", "humanitarian", "corridor", "reporters", "analysts", "warned", "confirmed",
        "rejected", "proposal", "demands", "security", "guarantees", "NATO", "membership", "border", "week", "years",
        "20%", "2014", "2022", "three", "two", "hundreds", "thousands", "early", "later", "again", "would", "could",
        "not", "no", "new", "first", "last", "more", "than", "about", "after", "before", "while", "during"
    ];

    public static StoryContent Story(int targetWords = 5_000, int seed = 42)
    {
        var random = new Random(seed);
        var body = new List<Block>();
        var words = 0;
        while (words < targetWords)
        {
            if (body.Count % 12 == 5) body.Add(Block.Subheading(Sentence(random, 3, 5).TrimEnd('.')));
            var count = random.Next(60, 110);
            body.Add(Block.Paragraph(Paragraph(random, count)));
            words += count;
        }
        return new StoryContent("Direct talks between Russia and Ukraine resume after three-year pause",
            "Talks resume in Istanbul", Sentence(random, 25, 35), "By Staff Reporter", body);
    }

    /// <summary>20 edits spread over the story: word fixes, inserted words, a changed number, added, removed
    /// and moved paragraphs.</summary>
    public static StoryContent Edit(StoryContent story, int seed = 7)
    {
        var random = new Random(seed);
        var body = story.Body.ToList();
        for (var e = 0; e < 20; e++)
        {
            var at = random.Next(body.Count);
            switch (e % 10)
            {
                case < 6:
                    var words = body[at].Text.Split(' ').ToList();
                    var w = random.Next(words.Count);
                    if (e % 3 == 0) words[w] = Words[random.Next(Words.Length)];
                    else if (e % 3 == 1) words.Insert(w, "reportedly");
                    else words.RemoveAt(w);
                    body[at] = body[at] with { Text = string.Join(' ', words) };
                    break;
                case 6: body[at] = body[at] with { Text = body[at].Text.Replace("20%", "25%") + " Officials declined to comment." }; break;
                case 7: body.Insert(at, Block.Paragraph(Paragraph(random, 70))); break;
                case 8: body.RemoveAt(at); break;
                default:
                    var moved = body[at];
                    body.RemoveAt(at);
                    body.Insert(random.Next(body.Count), moved);
                    break;
            }
        }
        return story with { Body = body };
    }

    /// <summary>The whole story as one text, as a field-unaware differ would see it.</summary>
    public static string Flatten(StoryContent story) =>
        string.Join("\n\n", new[] { story.Headline, story.ShortHeadline, story.Standfirst, story.Byline }
            .Where(f => f is not null).Concat(story.Body.Select(b => b.Text)));

    private static string Paragraph(Random random, int words)
    {
        var sentences = new List<string>();
        while (words > 0)
        {
            var n = Math.Min(words, random.Next(8, 25));
            sentences.Add(Sentence(random, n, n));
            words -= n;
        }
        return string.Join(' ', sentences);
    }

    private static string Sentence(Random random, int min, int max)
    {
        var n = random.Next(min, max + 1);
        var words = new string[n];
        for (var i = 0; i < n; i++) words[i] = Words[random.Next(Words.Length)];
        words[0] = char.ToUpperInvariant(words[0][0]) + words[0][1..];
        if (n > 6) words[n / 2] += ",";
        return string.Join(' ', words) + ".";
    }

    /// <summary>About <paramref name="chars"/> characters of paragraphs of random "words" over an alphabet.</summary>
    public static StoryContent Noise(int seed, int chars, string alphabet, int paragraphChars = 400)
    {
        var random = new Random(seed);
        var body = new List<Block>();
        for (var total = 0; total < chars; total += paragraphChars)
        {
            var text = new char[paragraphChars];
            for (var i = 0; i < text.Length; i++) text[i] = i % 7 == 6 ? ' ' : alphabet[random.Next(alphabet.Length)];
            body.Add(Block.Paragraph(new string(text).Trim() + "."));
        }
        return new StoryContent("Headline", null, null, null, body);
    }

    /// <summary>Distinct paragraphs and the same paragraphs shuffled.</summary>
    public static (StoryContent From, StoryContent To) Reordered(int paragraphs, int seed = 7)
    {
        var body = Enumerable.Range(0, paragraphs).Select(i => Block.Paragraph($"Paragraph number {i} of the long story.")).ToArray();
        var shuffled = body.ToArray();
        new Random(seed).Shuffle(shuffled);
        return (new StoryContent("Headline", null, null, null, body), new StoryContent("Headline", null, null, null, shuffled));
    }
}
