using BenchmarkDotNet.Attributes;
using DiffPlex;
using DiffPlex.Chunkers;
using DiffPlex.Model;
using Revisions.Diff;
using Revisions.Domain.Stories;

namespace Revisions.Benchmarks;

/// <summary>
/// The everyday case: a ~5,000-word story (≈60 paragraphs) with 20 scattered edits. The baseline is what a
/// field-unaware tool does: one DiffPlex word diff over the two flattened texts. The structured diff must
/// stay within 2x of it (it does much more: fields, block alignment, moves, word ops with text).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 3, iterationCount: 15)]
[IterationTime(250)]
public class StoryDiffBenchmarks
{
    private StoryContent _from = null!;
    private StoryContent _to = null!;
    private string _fromText = null!;
    private string _toText = null!;
    private readonly IChunker _words = new WordChunker();

    [GlobalSetup]
    public void Setup()
    {
        _from = StoryCorpus.Story();
        _to = StoryCorpus.Edit(_from);
        _fromText = StoryCorpus.Flatten(_from);
        _toText = StoryCorpus.Flatten(_to);
    }

    [Benchmark(Baseline = true, Description = "Raw DiffPlex word diff (flattened)")]
    public DiffResult RawDiffPlexWordDiff() => Differ.Instance.CreateDiffs(_fromText, _toText, false, false, _words);

    [Benchmark(Description = "StoryDiffer.Compare (structured)")]
    public StoryDiff StructuredCompare() => StoryDiffer.Compare(_from, _to);
}
