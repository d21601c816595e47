using System.Text.Json;
using CsCheck;
using Revisions.Diff.Tests.Support;
using Revisions.Domain.Stories;

namespace Revisions.Diff.Tests;

/// <summary>
/// Each thread keeps its comparison scratch from one comparison to the next. Whatever a thread compared
/// before, and whatever other threads compare meanwhile, a comparison answers exactly as one made on a fresh
/// thread would; and one huge comparison does not leave huge buffers behind.
/// </summary>
public class ScratchReuseTests
{
    private static readonly (string Name, Func<string> Compare)[] Cases = BuildCases();

    [Fact]
    public void Comparisons_one_after_another_answer_as_on_a_fresh_thread()
    {
        var fresh = Cases.Select(c => OnFreshThread(c.Compare)).ToArray();
        var orders = new[] { Order(0), Order(0).Reverse().ToArray(), Order(1), Order(2) };
        foreach (var order in orders)
        foreach (var i in order)
            Cases[i].Compare().ShouldBe(fresh[i], Cases[i].Name);
    }

    [Fact]
    public void Comparisons_on_several_threads_at_once_answer_as_on_a_fresh_thread()
    {
        var fresh = Cases.Select(c => OnFreshThread(c.Compare)).ToArray();
        var failures = new List<string>();
        var threads = Enumerable.Range(0, 4).Select(t => new Thread(() =>
        {
            for (var round = 0; round < 2; round++)
            foreach (var i in Order(10 * t + round))
            {
                var answer = Cases[i].Compare();
                if (answer != fresh[i]) lock (failures) failures.Add($"thread {t}, round {round}: {Cases[i].Name}");
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        failures.ShouldBeEmpty();
    }

    [Fact]
    public void Random_revisions_under_random_options_answer_as_on_a_fresh_thread_whatever_came_before()
    {
        // CsCheck samples on several threads, so each comparison also follows others with other options.
        Gen.Select(StoryGen.Revision, StoryGen.Options, (r, options) => (r.From, r.To, Options: options)).Array[1, 6].Sample(cases =>
        {
            var fresh = cases.Select(c => OnFreshThread(() => Serialised(c.From, c.To, c.Options))).ToArray();
            for (var round = 0; round < 2; round++)
            for (var i = 0; i < cases.Length; i++)
                Serialised(cases[i].From, cases[i].To, cases[i].Options).ShouldBe(fresh[i]);
        }, iter: 300);
    }

    [Fact]
    public void After_a_huge_comparison_a_thread_keeps_only_modest_scratch()
    {
        var (from, to) = HugeBlock(seed: 4, distinctWords: 100_000);
        StoryDiffer.Compare(from, to).Degraded.ShouldBeTrue();
        WordDiff.Compare(from.Body[0].Text, to.Body[0].Text, new DiffOptions { IgnoreCase = true });
        StoryDiffer.Compare(Adversarial.Reordered(5_000).From, Adversarial.Reordered(5_000).To);

        foreach (var options in new[] { DiffOptions.Default, new DiffOptions { IgnoreCase = true } })
        {
            using var ctx = DiffContext.Rent(options);
            ctx.TokensA.Capacity.ShouldBeLessThanOrEqualTo(DiffContext.MaxKeptTokens);
            ctx.TokensB.Capacity.ShouldBeLessThanOrEqualTo(DiffContext.MaxKeptTokens);
            ctx.KeysA.Length.ShouldBeLessThanOrEqualTo(DiffContext.MaxKeptTokens);
            ctx.KeysB.Length.ShouldBeLessThanOrEqualTo(DiffContext.MaxKeptTokens);
            ctx.Deleted.Length.ShouldBeLessThanOrEqualTo(DiffContext.MaxKeptTokens);
            ctx.Inserted.Length.ShouldBeLessThanOrEqualTo(DiffContext.MaxKeptTokens);
            ctx.TokenIdsHeld.ShouldBe(0);
            ctx.TokenIdsKept.ShouldBeLessThanOrEqualTo(DiffContext.MaxKeptTokenIds);
            ctx.Text.Capacity.ShouldBeLessThanOrEqualTo(DiffContext.MaxKeptChars);
            ctx.BlockIds.Count.ShouldBe(0);
            ctx.BlockIds.Capacity.ShouldBeLessThanOrEqualTo(DiffContext.MaxKeptBlocks);
            ctx.Degraded.ShouldBeFalse();
        }
    }

    private static (string Name, Func<string> Compare)[] BuildCases()
    {
        var random = new Random(11);
        string[] words = ["the", "minister", "said", "talks", "would", "resume", "on", "Friday", "after", "delegations", "met",
            "in", "Istanbul", "officials", "confirmed", "that", "a", "ceasefire", "proposal", "was", "under", "discussion"];
        string Sentence(int n) => string.Join(' ', Enumerable.Range(0, n).Select(_ => words[random.Next(words.Length)])) + ".";
        var story = new StoryContent("Talks resume in Istanbul", null, Sentence(20), "By Ann Editor",
            Enumerable.Range(0, 12).Select(_ => Block.Paragraph(Sentence(50))).ToList());
        var oneWord = Replace(story, 6, "minister", "ministers");
        var recased = Replace(story, 3, "the", "THE") with { Headline = "TALKS resume in Istanbul" };
        var respaced = Replace(Replace(story, 2, " ", "  "), 9, ".", "!") with { Standfirst = story.Standfirst + " " };
        var rewritten = Replace(story, 4, "a", "some new words here") with { Body = story.Body.Skip(1).Append(story.Body[0]).ToList() };
        var (hugeFrom, hugeTo) = HugeBlock(seed: 3, distinctWords: 50);
        var sameWords = (From: Adversarial.Story(1, 100_000, "abcdef"), To: Adversarial.Story(2, 100_000, "abcdef"));
        var manyEdits = Enumerable.Range(0, 12).Aggregate(story, (s, b) => Replace(s, b, "the", "an"));
        var tight = new DiffOptions { MaxTotalWork = 2_000, MaxSimilarityWork = 300 };
        var starved = new DiffOptions { MaxWordDiffWork = 3, MaxBlockAlignWork = 3, MaxTotalWork = 10, MaxSimilarityWork = 1 };
        var ignoreCase = new DiffOptions { IgnoreCase = true };
        var ignoreSpacing = new DiffOptions { IgnoreWhitespace = true, IgnorePunctuation = true };
        var ignoreAll = ignoreSpacing with { IgnoreCase = true };

        return
        [
            ("one word in a 600-word story, stored content", () => Serialised(story, oneWord, DiffOptions.StoredContent)),
            ("one word in a 600-word story", () => Serialised(story, oneWord, DiffOptions.Default)),
            ("case changes, case counted", () => Serialised(story, recased, DiffOptions.StoredContent)),
            ("case changes, case ignored", () => Serialised(story, recased, ignoreCase)),
            ("spacing and punctuation, counted", () => Serialised(story, respaced, DiffOptions.Default)),
            ("spacing and punctuation, ignored", () => Serialised(story, respaced, ignoreSpacing)),
            ("everything, everything ignored", () => Serialised(recased, respaced, ignoreAll)),
            ("a rewrite and a move, grouped", () => Serialised(story, rewritten, DiffOptions.Default)),
            ("a rewrite and a move, starved of work", () => Serialised(story, rewritten, starved)),
            ("every paragraph edited, work for some", () => Serialised(story, manyEdits, tight)),
            ("one text, case ignored", () => Serialised(WordDiff.Compare(story.Body[1].Text, recased.Body[3].Text, ignoreCase))),
            ("one text, punctuation ignored", () => Serialised(WordDiff.Compare(story.Body[9].Text, respaced.Body[9].Text, ignoreSpacing))),
            ("a 30,000-word block shuffled", () => Serialised(hugeFrom, hugeTo, DiffOptions.Default)),
            ("100 KB from the same letters", () => Serialised(sameWords.From, sameWords.To, ignoreCase))
        ];
    }

    private static StoryContent Replace(StoryContent story, int block, string oldValue, string newValue)
    {
        var body = story.Body.ToList();
        body[block] = body[block] with { Text = body[block].Text.Replace(oldValue, newValue) };
        return story with { Body = body };
    }

    private static (StoryContent From, StoryContent To) HugeBlock(int seed, int distinctWords)
    {
        var random = new Random(seed);
        var words = Enumerable.Range(0, 30_000).Select(_ => "w" + random.Next(distinctWords)).ToArray();
        var from = new StoryContent("H", null, null, null, [Block.Paragraph(string.Join(' ', words))]);
        random.Shuffle(words);
        return (from, new StoryContent("H", null, null, null, [Block.Paragraph(string.Join(' ', words))]));
    }

    private static string Serialised(StoryContent from, StoryContent to, DiffOptions options) =>
        JsonSerializer.Serialize(StoryDiffer.Compare(from, to, options))
        + JsonSerializer.Serialize(WordDiff.Compare(from.Headline, to.Headline, options));

    private static string Serialised(WordDiffResult result) => JsonSerializer.Serialize(result);

    private static int[] Order(int seed)
    {
        var order = Enumerable.Range(0, Cases.Length).ToArray();
        if (seed > 0) new Random(seed).Shuffle(order);
        return order;
    }

    // A new thread has no scratch of its own yet, so its first comparison starts from nothing.
    private static string OnFreshThread(Func<string> compare)
    {
        string? answer = null;
        Exception? error = null;
        var thread = new Thread(() =>
        {
            try { answer = compare(); }
            catch (Exception e) { error = e; }
        });
        thread.Start();
        thread.Join();
        if (error is not null) throw new InvalidOperationException("The comparison failed on a fresh thread.", error);
        return answer!;
    }
}
