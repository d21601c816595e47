using BenchmarkDotNet.Attributes;
using Revisions.Diff;
using Revisions.Domain.Stories;

namespace Revisions.Benchmarks;

/// <summary>Inputs built to be pathological; each must finish within ~100 ms (or be refused).</summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 2, iterationCount: 8)]
public class AdversarialDiffBenchmarks
{
    private StoryContent _noiseA = null!, _noiseB = null!, _sameVocabA = null!, _sameVocabB = null!;
    private StoryContent _ordered = null!, _shuffled = null!, _hugeBlockA = null!, _hugeBlockB = null!;
    private StoryContent _blocksA = null!, _blocksB = null!;

    [GlobalSetup]
    public void Setup()
    {
        _noiseA = StoryCorpus.Noise(1, 200_000, "abcdefghijklm");
        _noiseB = StoryCorpus.Noise(2, 200_000, "nopqrstuvwxyz");
        _sameVocabA = StoryCorpus.Noise(1, 200_000, "abcdef");
        _sameVocabB = StoryCorpus.Noise(2, 200_000, "abcdef");
        (_ordered, _shuffled) = StoryCorpus.Reordered(10_000);

        var random = new Random(3);
        var words = Enumerable.Range(0, 30_000).Select(_ => "w" + random.Next(50)).ToArray();
        _hugeBlockA = new StoryContent("H", null, null, null, [Block.Paragraph(string.Join(' ', words))]);
        random.Shuffle(words);
        _hugeBlockB = new StoryContent("H", null, null, null, [Block.Paragraph(string.Join(' ', words))]);

        // Ten 20 KB paragraphs (the domain's largest), each rewritten from its own words: ten expensive word diffs.
        var from = new List<Block>();
        var to = new List<Block>();
        for (var p = 0; p < 10; p++)
        {
            var paragraph = Enumerable.Range(0, 3_300).Select(_ => "w" + random.Next(50)).ToArray();
            from.Add(Block.Paragraph(string.Join(' ', paragraph)));
            random.Shuffle(paragraph);
            to.Add(Block.Paragraph(string.Join(' ', paragraph)));
        }
        _blocksA = new StoryContent("H", null, null, null, from);
        _blocksB = new StoryContent("H", null, null, null, to);
    }

    [Benchmark(Description = "200 KB each side, nothing in common")]
    public StoryDiff NothingInCommon() => StoryDiffer.Compare(_noiseA, _noiseB);

    [Benchmark(Description = "200 KB each side, same letters, different text")]
    public StoryDiff SameVocabulary() => StoryDiffer.Compare(_sameVocabA, _sameVocabB);

    [Benchmark(Description = "10,000 paragraphs reordered")]
    public StoryDiff TenThousandReordered() => StoryDiffer.Compare(_ordered, _shuffled);

    [Benchmark(Description = "one 180 KB block, words shuffled")]
    public StoryDiff HugeBlockShuffled() => StoryDiffer.Compare(_hugeBlockA, _hugeBlockB);

    [Benchmark(Description = "ten 20 KB blocks, words shuffled")]
    public StoryDiff ShuffledBlocks() => StoryDiffer.Compare(_blocksA, _blocksB);
}
