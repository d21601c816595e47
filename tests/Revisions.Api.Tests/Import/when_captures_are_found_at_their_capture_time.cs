using System.Net;
using System.Text.Json;
using Revisions.Api.Import;
using Revisions.Api.Stories;
using Revisions.Api.Tests.Infrastructure;
using Revisions.Api.Tests.Legal;
using Revisions.Api.Tests.Public;

namespace Revisions.Api.Tests.Import;

/// <summary>
/// An archive's dated captures of a public page say what was public when they were taken: the as-of views, the
/// public history and Memento place them at that moment, and say they are captures.
/// </summary>
public class when_captures_are_found_at_their_capture_time(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static readonly DateTimeOffset Morning = new(2025, 5, 16, 9, 0, 0, TimeSpan.Zero);
    private readonly Newsroom newsroom = api.Newsroom;

    private async Task<ImportReport> ImportCaptures(string slug)
    {
        var answer = await newsroom.Send<ImportReport>(HttpMethod.Post, "/api/import", "Ann Editor", new
        {
            slug,
            source = "archive-export.json",
            snapshots = new object[]
            {
                new { capturedAt = Morning, headline = $"Talks resume in Istanbul ({slug})", body = new[] { new { type = "paragraph", text = "Delegations met today." } } },
                new { capturedAt = Morning.AddHours(2), headline = $"Talks resume in Istanbul ({slug})", body = new[] { new { type = "paragraph", text = "Delegations met on Friday." } } }
            }
        });
        answer.Status.ShouldBe(HttpStatusCode.Created);
        return answer.Body;
    }

    [Fact]
    public async Task the_newsroom_reads_the_story_as_it_stood_when_captured()
    {
        var report = await ImportCaptures("captured-talks");

        var then = await newsroom.Get(report.Slug, $"?asOf={Uri.EscapeDataString(Morning.AddHours(1).ToString("O"))}");
        then.Status.ShouldBe(HttpStatusCode.OK);
        then.Body.Version.ShouldBe(1);
        then.Body.Body.Single().Text.ShouldBe("Delegations met today.");
        then.Body.CapturedAt.ShouldBe(Morning);
        (await newsroom.Get(report.Slug, $"?asOf={Uri.EscapeDataString(Morning.AddHours(3).ToString("O"))}")).Body.Version.ShouldBe(2);
        (await newsroom.Get(report.Slug, $"?asOf={Uri.EscapeDataString(Morning.AddHours(-1).ToString("O"))}")).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task what_the_public_saw_is_known_from_the_captures_and_said_to_be_so()
    {
        var report = await ImportCaptures("captured-public-talks");
        await newsroom.PublishNow(report.Slug);

        var asOf = (await newsroom.Get<JsonElement>($"/api/stories/{report.Slug}/public?asOf={Uri.EscapeDataString(Morning.AddHours(1).ToString("O"))}")).Body;
        asOf.GetProperty("content").GetProperty("body")[0].GetProperty("text").GetString().ShouldBe("Delegations met today.");
        asOf.GetProperty("capturedAt").GetDateTimeOffset().ShouldBe(Morning);
        asOf.GetProperty("liveUntil").GetDateTimeOffset().ShouldBe(Morning.AddHours(2));

        var changes = (await newsroom.Open($"/stories/{report.Slug}/changes")).Html;
        changes.ShouldContain("captured from an archive");
        var timemap = WebLink.Parse((await newsroom.Open($"/stories/{report.Slug}/timemap")).Html).Where(l => l.Rel.Contains("memento")).ToList();
        timemap.Count.ShouldBe(3);
        timemap[0].Path.ShouldBe($"/stories/{report.Slug}/versions/1");

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/stories/{report.Slug}/timegate");
        request.Headers.Add("Accept-Datetime", "Fri, 16 May 2025 10:00:00 GMT");
        var gate = await newsroom.Client.SendAsync(request);
        gate.StatusCode.ShouldBe(HttpStatusCode.Found);
        gate.Headers.Location!.ToString().ShouldBe($"/stories/{report.Slug}/versions/1");
        var memento = await newsroom.Open($"/stories/{report.Slug}/versions/1");
        memento.Html.ShouldContain("Delegations met today.");
        memento.Html.ShouldContain("captured from an archive");
        memento.Response.Headers.GetValues("Memento-Datetime").Single().ShouldBe("Fri, 16 May 2025 09:00:00 GMT");
    }
}
