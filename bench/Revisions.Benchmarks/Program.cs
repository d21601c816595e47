using System.Diagnostics;
using BenchmarkDotNet.Running;
using Revisions.Benchmarks;

// Full run:   dotnet run -c Release --project bench/Revisions.Benchmarks -- --filter '*Diff*'
// Quick look: dotnet run -c Release --project bench/Revisions.Benchmarks -- --quick   (Stopwatch, no statistics)
if (args is ["--quick"])
{
    QuickLook();
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

static void QuickLook()
{
    var story = new StoryDiffBenchmarks();
    story.Setup();
    var adversarial = new AdversarialDiffBenchmarks();
    adversarial.Setup();
    var raw = Time("raw DiffPlex", 1000, () => story.RawDiffPlexWordDiff());
    var structured = Time("structured", 2000, () => story.StructuredCompare());
    Console.WriteLine($"RATIO structured ÷ raw DiffPlex word diff: {structured / raw:F3} (target ≤ 2) {(structured / raw <= 2 ? "MET" : "MISSED")}");
    Time("nothing in common", 10, () => adversarial.NothingInCommon());
    Time("same vocabulary", 10, () => adversarial.SameVocabulary());
    Time("10,000 reordered", 10, () => adversarial.TenThousandReordered());
    Time("huge block shuffled", 10, () => adversarial.HugeBlockShuffled());
    Time("ten shuffled blocks", 10, () => adversarial.ShuffledBlocks());
    var diff = story.StructuredCompare();
    Console.WriteLine($"story: {diff.Summary}, degraded={diff.Degraded}");
}

static double Time(string name, int n, Func<object> run)
{
    for (var i = 0; i < Math.Max(3, n / 2); i++) run();
    var watch = Stopwatch.StartNew();
    object? last = null;
    for (var i = 0; i < n; i++) last = run();
    var ms = watch.Elapsed.TotalMilliseconds / n;
    Console.WriteLine($"{name,-22} {ms,10:F3} ms  {(last as Revisions.Diff.StoryDiff)?.DegradedReason}");
    return ms;
}
