using System.Globalization;
using System.Net;
using Revisions.Api.Legal;
using Revisions.Api.Stories;
using Revisions.Api.Tests.Infrastructure;
using Revisions.Api.Tests.Public;
using Revisions.Domain.Stories;

namespace Revisions.Api.Tests.Legal;

public class when_legal_reconstructs_what_was_public(ClockedApi api) : IClassFixture<ClockedApi>
{
    private readonly Newsroom newsroom = api.Newsroom;

    /// <summary>Published at t1, edited and published again at t2; the instants come from the version list.</summary>
    private async Task<(string Slug, VersionSummary First, VersionSummary Second)> TwoUpdates(string slug)
    {
        api.Tick();
        await newsroom.Create(Reader.Story("Ferry service suspended", "Ferries will not sail on Friday."), slug: slug);
        api.Tick();
        await newsroom.PublishNow(slug, note: "First report");
        api.Tick();
        await newsroom.SaveNow(slug, Reader.Story("Ferry service suspended until Monday", "Ferries will not sail until Monday."));
        api.Tick();
        await newsroom.PublishNow(slug);
        api.Tick();
        var published = (await newsroom.Versions(slug)).Body.Where(v => v.Kind == "published").ToList();
        return (slug, published[0], published[1]);
    }

    private async Task<Answer<PublicAsOf>> AsOf(string slug, DateTimeOffset at) =>
        await newsroom.Get<PublicAsOf>($"/api/stories/{slug}/public?asOf={at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture)}");

    private async Task<HttpResponseMessage> TimeGate(string slug, string? acceptDatetime)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/stories/{slug}/timegate");
        if (acceptDatetime is not null) request.Headers.TryAddWithoutValidation("Accept-Datetime", acceptDatetime);
        return await newsroom.Client.SendAsync(request);
    }

    private static string Rfc1123(DateTimeOffset at) => at.UtcDateTime.ToString("r", CultureInfo.InvariantCulture);

    [Fact]
    public async Task the_as_of_view_answers_before_between_and_after_each_publish_and_the_takedown()
    {
        var (slug, first, second) = await TwoUpdates("ferry-as-of");
        await newsroom.Unpublish(slug, (await newsroom.Get(slug)).Body.Version);
        var down = (await newsroom.Versions(slug)).Body.Single(v => v.Kind == "unpublished");
        var µs = TimeSpan.FromTicks(10);

        var before = await AsOf(slug, first.At - µs);
        before.Status.ShouldBe(HttpStatusCode.NotFound);
        before.Problem!.Detail!.ShouldContain("was public from");
        before.Response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");

        foreach (var at in new[] { first.At, second.At - µs })
        {
            var then = (await AsOf(slug, at)).Body;
            (then.Update, then.PublishVersion, then.ContentVersion).ShouldBe((1, first.Version, 1));
            (then.LiveFrom, then.LiveUntil).ShouldBe((first.At, second.At));
            then.Content.Headline.ShouldBe("Ferry service suspended");
            then.Permalink.ShouldBe($"/stories/{slug}/versions/{first.Version}");
            then.Notes.ShouldHaveSingleItem().Text.ShouldBe("First report");
            then.Redacted.ShouldBeEmpty();
        }
        foreach (var at in new[] { second.At, down.At - µs })
        {
            var then = (await AsOf(slug, at)).Body;
            (then.Update, then.PublishVersion).ShouldBe((2, second.Version));
            then.ContentVersion.ShouldBeGreaterThan(1);
            (then.LiveFrom, then.LiveUntil).ShouldBe((second.At, down.At));
            then.Content.Body.ShouldBe([Block.Paragraph("Ferries will not sail until Monday.")]);
        }
        foreach (var at in new[] { down.At, api.Clock.GetUtcNow() })
            (await AsOf(slug, at)).Status.ShouldBe(HttpStatusCode.NotFound);
        (await newsroom.Get<PublicAsOf>($"/api/stories/{slug}/public")).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task the_as_of_view_of_a_story_never_published_says_so_and_bad_instants_are_refused()
    {
        api.Tick();
        await newsroom.Create(Reader.Story("Embargoed results", "Not yet."), slug: "embargoed-results");

        var answer = await newsroom.Get<PublicAsOf>("/api/stories/embargoed-results/public");
        answer.Status.ShouldBe(HttpStatusCode.NotFound);
        answer.Problem!.Detail!.ShouldContain("never been published");
        (await newsroom.Get<PublicAsOf>("/api/stories/embargoed-results/public?asOf=soon")).Status.ShouldBe(HttpStatusCode.BadRequest);
        (await newsroom.Get<PublicAsOf>("/api/stories/no-such-story/public")).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task the_timegate_redirects_to_the_update_live_at_the_asked_datetime()
    {
        var (slug, first, second) = await TwoUpdates("ferry-timegate");
        var cases = new (string? AcceptDatetime, int Version)[]
        {
            (Rfc1123(first.At.AddMinutes(-30)), first.Version),   // before the first publish: the first memento
            (Rfc1123(first.At), first.Version),
            (Rfc1123(first.At.AddMinutes(30)), first.Version),
            (Rfc1123(second.At), second.Version),
            (Rfc1123(second.At.AddDays(3)), second.Version),
            (null, second.Version)                                 // no datetime: the latest memento
        };

        foreach (var (acceptDatetime, version) in cases)
        {
            var response = await TimeGate(slug, acceptDatetime);
            response.StatusCode.ShouldBe(HttpStatusCode.Found, acceptDatetime);
            response.Headers.Location!.OriginalString.ShouldBe($"/stories/{slug}/versions/{version}", acceptDatetime);
            response.Headers.Vary.ShouldContain("accept-datetime");
            var links = WebLink.Of(response);
            links.Single(l => l.Rel == "original").Path.ShouldBe($"/stories/{slug}");
            links.Single(l => l.Rel == "timegate").Path.ShouldBe($"/stories/{slug}/timegate");
            links.Single(l => l.Rel == "timemap").Parameters["type"].ShouldBe("application/link-format");
            links.Single(l => l.Rel == "first memento").Path.ShouldBe($"/stories/{slug}/versions/{first.Version}");
            links.Single(l => l.Rel == "last memento").Parameters["datetime"].ShouldBe(Rfc1123(second.At));
        }

        (await TimeGate(slug, "yesterday afternoon")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await TimeGate(slug, "2025-05-16T14:05:00Z")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await TimeGate("never-heard-of-it", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task the_story_page_advertises_its_timegate_and_each_permalink_is_a_memento()
    {
        var (slug, first, second) = await TwoUpdates("ferry-mementos");

        var original = await newsroom.Open($"/stories/{slug}");
        var advertised = WebLink.Of(original.Response);
        advertised.Single(l => l.Rel == "timegate").Path.ShouldBe($"/stories/{slug}/timegate");
        advertised.Single(l => l.Rel == "timemap").Path.ShouldBe($"/stories/{slug}/timemap");
        original.Response.Headers.Contains("Memento-Datetime").ShouldBeFalse();

        foreach (var update in new[] { first, second })
        {
            var memento = await newsroom.Open($"/stories/{slug}/versions/{update.Version}");
            memento.Status.ShouldBe(HttpStatusCode.OK);
            var datetime = memento.Response.Headers.GetValues("Memento-Datetime").Single();
            DateTimeOffset.ParseExact(datetime, "r", CultureInfo.InvariantCulture).ShouldBe(update.At);
            var links = WebLink.Of(memento.Response);
            links.Single(l => l.Rel == "original").Path.ShouldBe($"/stories/{slug}");
            links.Single(l => l.Rel == "timegate").Path.ShouldBe($"/stories/{slug}/timegate");
            links.Single(l => l.Rel == "timemap").Path.ShouldBe($"/stories/{slug}/timemap");
        }
    }

    [Fact]
    public async Task the_timemap_lists_every_published_update_with_its_datetime()
    {
        var (slug, first, second) = await TwoUpdates("ferry-timemap");

        var response = await newsroom.Client.GetAsync($"/stories/{slug}/timemap");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/link-format");
        var links = WebLink.Parse(await response.Content.ReadAsStringAsync());

        links.Select(l => l.Rel).ShouldBe(["original", "self", "timegate", "first memento", "last memento"]);
        var self = links.Single(l => l.Rel == "self");
        self.Path.ShouldBe($"/stories/{slug}/timemap");
        self.Parameters["type"].ShouldBe("application/link-format");
        DateTimeOffset.ParseExact(self.Parameters["from"], "r", CultureInfo.InvariantCulture).ShouldBe(first.At);
        DateTimeOffset.ParseExact(self.Parameters["until"], "r", CultureInfo.InvariantCulture).ShouldBe(second.At);
        var mementos = links.Where(l => l.Rel.Split(' ').Contains("memento")).ToList();
        mementos.Select(m => m.Path).ShouldBe([$"/stories/{slug}/versions/{first.Version}", $"/stories/{slug}/versions/{second.Version}"]);
        mementos.Select(m => DateTimeOffset.ParseExact(m.Parameters["datetime"], "r", CultureInfo.InvariantCulture))
            .ShouldBe([first.At, second.At]);
    }

    [Fact]
    public async Task a_story_taken_down_has_no_public_mementos_but_its_past_stays_reconstructable()
    {
        var (slug, first, _) = await TwoUpdates("ferry-taken-down");
        await newsroom.Unpublish(slug, (await newsroom.Get(slug)).Body.Version);

        (await TimeGate(slug, Rfc1123(first.At))).StatusCode.ShouldBe(HttpStatusCode.Gone);
        (await newsroom.Client.GetAsync($"/stories/{slug}/timemap")).StatusCode.ShouldBe(HttpStatusCode.Gone);
        (await newsroom.Open($"/stories/{slug}/versions/{first.Version}")).Status.ShouldBe(HttpStatusCode.Gone);
        (await AsOf(slug, first.At)).Body.PublishVersion.ShouldBe(first.Version);
    }
}
