using Revisions.Domain.Stories;

namespace Revisions.Diff.Tests.Support;

/// <summary>Inputs built to hurt a diff engine; shared by the tests (correctness) and the benchmarks (time).</summary>
public static class Adversarial
{
    /// <summary>About <paramref name="chars"/> characters of paragraphs made of words from one alphabet.</summary>
    public static StoryContent Story(int seed, int chars, string alphabet, int paragraphChars = 400)
    {
        var random = new Random(seed);
        var body = new List<Block>();
        var total = 0;
        while (total < chars)
        {
            var text = Paragraph(random, alphabet, paragraphChars);
            body.Add(Block.Paragraph(text));
            total += text.Length;
        }
        return new StoryContent("Headline", null, null, null, body);
    }

    public static string Paragraph(Random random, string alphabet, int length)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++)
            chars[i] = i % 7 == 6 ? ' ' : alphabet[random.Next(alphabet.Length)];
        return new string(chars).Trim() + ".";
    }

    /// <summary>Distinct paragraphs, and the same ones in a shuffled order.</summary>
    public static (StoryContent From, StoryContent To) Reordered(int paragraphs, int seed = 7)
    {
        var body = Enumerable.Range(0, paragraphs).Select(i => Block.Paragraph($"Paragraph number {i} of the long story.")).ToList();
        var shuffled = body.ToArray();
        new Random(seed).Shuffle(shuffled);
        return (new StoryContent("Headline", null, null, null, body), new StoryContent("Headline", null, null, null, shuffled));
    }
}
