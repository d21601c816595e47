using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Revisions.Diff;
using Revisions.Diff.Classification;
using Revisions.Domain.Stories;

namespace Revisions.Benchmarks;

/// <summary>
/// The change classification every save and every rebuilt version row pays for: one word replaced in a
/// ~200-word story (the rebuild benchmark's stories: 5 paragraphs of 40 words), and in a ~600-word story of
/// 12 paragraphs (the save load test's stories). The baseline is serialising the story to JSON once, which
/// the same save or rebuilt row does anyway.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 3, iterationCount: 15)]
[IterationTime(250)]
public class ClassifyBenchmarks
{
    private static readonly string[] Words =
        ["the", "minister", "said", "talks", "would", "resume", "on", "friday", "after", "delegations", "met", "in",
         "istanbul", "officials", "confirmed", "that", "a", "ceasefire", "proposal", "was", "under", "discussion"];

    private StoryContent _from = null!;
    private StoryContent _to = null!;
    private StoryContent _longFrom = null!;
    private StoryContent _longTo = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(5);
        string Sentence(int n) => string.Join(' ', Enumerable.Range(0, n).Select(_ => Words[random.Next(Words.Length)])) + ".";
        _from = new StoryContent("Talks resume in Istanbul", null, Sentence(20), "By Ann Editor",
            Enumerable.Range(0, 5).Select(_ => Block.Paragraph(Sentence(40))).ToList());
        _to = OneWordChanged(_from, 2);
        _longFrom = new StoryContent("Talks resume in Istanbul", null, Sentence(20), "By Ann Editor",
            Enumerable.Range(0, 12).Select(_ => Block.Paragraph(Sentence(50))).ToList());
        _longTo = OneWordChanged(_longFrom, 6);
    }

    private static StoryContent OneWordChanged(StoryContent story, int paragraph)
    {
        var body = story.Body.ToList();
        var words = body[paragraph].Text.Split(' ');
        words[17] = "ministers";
        body[paragraph] = Block.Paragraph(string.Join(' ', words));
        return story with { Body = body };
    }

    [Benchmark(Baseline = true, Description = "Serialise the story to JSON")]
    public byte[] Serialise() => JsonSerializer.SerializeToUtf8Bytes(_to);

    [Benchmark(Description = "StoryDiffer.Compare")]
    public StoryDiff Compare() => StoryDiffer.Compare(_from, _to);

    [Benchmark(Description = "ChangeClassifier.Classify")]
    public ChangeClassification Classify() => ChangeClassifier.Classify(_from, _to);

    [Benchmark(Description = "ChangeClassifier.Classify, 600 words")]
    public ChangeClassification ClassifyLong() => ChangeClassifier.Classify(_longFrom, _longTo);
}
