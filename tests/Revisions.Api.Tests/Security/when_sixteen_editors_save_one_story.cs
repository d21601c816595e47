using System.Collections.Concurrent;
using System.Net;
using Revisions.Api.Tests.Infrastructure;
using Revisions.Api.Tests.Public;
using Xunit.Abstractions;

namespace Revisions.Api.Tests.Security;

/// <summary>
/// Sixteen editors hammer one story: read it, change it, save with If-Match, and on 409 read again and retry.
/// Every save answered 2xx must be in the stream exactly once, every other save must have been told 409, and
/// the versions must run 1..N with no gap.
/// </summary>
public class when_sixteen_editors_save_one_story(ApiFixture api, ITestOutputHelper output) : IClassFixture<ApiFixture>
{
    private const int Editors = 16;
    private const int AttemptsEach = 90;   // 16 × 90 × (read + save) ≈ 2,900 requests

    [Fact]
    public async Task every_acknowledged_save_is_kept_once_and_every_loser_hears_409()
    {
        var newsroom = api.Newsroom;
        var story = (await newsroom.Create(Reader.Story("Sixteen editors", "Start."))).Body;
        var outcomes = new ConcurrentBag<(string Marker, HttpStatusCode Status)>();
        var started = DateTime.UtcNow;

        await Task.WhenAll(Enumerable.Range(1, Editors).Select(e => Task.Run(async () =>
        {
            var editor = $"Editor {e:00}";
            for (var attempt = 0; attempt < AttemptsEach; attempt++)
            {
                var current = (await newsroom.Get(story.Slug)).Body;
                var marker = $"save-e{e:00}-a{attempt:000}";
                var saved = await newsroom.Revise(story.Slug, Reader.Story("Sixteen editors", current.Body[0].Text, marker), current.Version, editor);
                outcomes.Add((marker, saved.Status));
            }
        })));

        var log = await SaveLog.ReadAsync(api.ConnectionString, story.Id, @"save-e\d\d-a\d\d\d");
        var won = outcomes.Where(o => o.Status == HttpStatusCode.OK).Select(o => o.Marker).ToList();
        var lost = outcomes.Where(o => o.Status == HttpStatusCode.Conflict).Select(o => o.Marker).ToList();
        output.WriteLine($"{outcomes.Count} saves ({2 * outcomes.Count} requests) in {(DateTime.UtcNow - started).TotalSeconds:F1} s: " +
                         $"{won.Count} kept, {lost.Count} answered 409, {outcomes.Count - won.Count - lost.Count} other; {log.Versions.Count} versions");

        (won.Count + lost.Count).ShouldBe(outcomes.Count, "every save is either kept (200) or refused as stale (409)");
        won.Count.ShouldBeGreaterThan(Editors);
        won.ShouldAllBe(m => log.Markers.GetValueOrDefault(m) == 1);
        lost.ShouldAllBe(m => !log.Markers.ContainsKey(m));
        log.Markers.Count.ShouldBe(won.Count);
        log.VersionsAreDense.ShouldBeTrue();
        log.Versions.Count.ShouldBe(1 + won.Count);
    }
}
