using CsCheck;
using Revisions.Api.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Revisions.Api.Tests.Legal.Promise;

/// <summary>
/// The promise as a whole: random days of create, revise, publish, unpublish, note, redact (content or a note),
/// lift, erase, hold, release, restore, import, a race for one slug and an evidence bundle, over a few stories,
/// each step applied to the API and to a model of what is public, what is redacted and what was live when. After
/// every step no public surface shows a draft, redacted or erased word, no role but legal reads a redacted word,
/// the as-of view agrees with the model, and the store verifies.
/// </summary>
public class when_every_combination_keeps_the_legal_promises(ApiFixture api, ITestOutputHelper output) : IClassFixture<ApiFixture>
{
    /// <summary>Days per run: a few in CI; set REVISIONS_PROMISE_DAYS to search longer.</summary>
    private static int Days => int.TryParse(Environment.GetEnvironmentVariable("REVISIONS_PROMISE_DAYS"), out var days) ? days : 12;

    /// <summary>Days are numbered across the class's tests, which share one database: no two days share a slug or a word.</summary>
    private static int _day;

    private Task RunDayAsync(Step[] steps) => new Newsday(api, DayName(Interlocked.Increment(ref _day))).RunAsync(steps);

    /// <summary>Letters only, so a day's words never look like another day's.</summary>
    private static string DayName(int n) => string.Concat(n.ToString().Select(d => (char)('a' + d - '0'))) + "d";

    [Fact]
    public Task random_days_keep_every_promise() =>
        Step.Day.SampleAsync(RunDayAsync, iter: Days, threads: 1, writeLine: output.WriteLine,
            print: steps => string.Join(" → ", steps.Select(s => s.ToString())));

    /// <summary>Days that once broke a promise, kept so they never can again (seeds CsCheck printed).</summary>
    [Theory]
    [MemberData(nameof(Found))]
    public Task a_day_that_once_broke_a_promise_keeps_it(string seed) =>
        Step.Day.SampleAsync(RunDayAsync, seed: seed, iter: 1, threads: 1, writeLine: output.WriteLine);

    public static TheoryData<string> Found => new()
    {
        // An erasure inside a redacted paragraph showed the rest of the paragraph again (found on the 73rd day, 1 min 47 s).
        "12SXly9I9Bd4",
        // The evidence bundle of a story with one event erased twice answered 500 (found on the 10th day).
        "0001v1eOKvt8",
    };

    /// <summary>
    /// Days that once broke a promise through what they left in the store for every later day (CsCheck shrinks those
    /// to whichever later day fails, so the day itself is kept, step by step).
    /// </summary>
    [Theory]
    [InlineData("Create 0 0 0 0; Race 0 0 0 0; Publish 1 0 0 0")] // eight creates racing for one slug left tombstones that failed verification (found at once)
    public Task a_day_that_once_left_the_store_broken_keeps_it_verifying(string day) =>
        RunDayAsync([.. day.Split(';', StringSplitOptions.TrimEntries).Select(step => step.Split(' ') is var p
            ? new Step(Enum.Parse<Act>(p[0]), int.Parse(p[1]), int.Parse(p[2]), int.Parse(p[3]), int.Parse(p[4]))
            : null!)]);
}
