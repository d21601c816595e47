using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using Revisions.Api.Tests.Infrastructure;
using Revisions.Api.Tests.Legal;
using Revisions.Api.Tests.Public;

namespace Revisions.Api.Tests.Corrections;

/// <summary>
/// A correction written on a draft is public only once that draft goes live, so feeds, JSON-LD and the as-of view
/// date it by the publish, and it sorts among other corrections by that moment.
/// </summary>
public class when_a_correction_goes_public_after_it_is_written(ClockedApi api) : IClassFixture<ClockedApi>
{
    private readonly Newsroom newsroom = api.Newsroom;
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    [Fact]
    public async Task it_is_dated_by_the_publish_that_showed_it()
    {
        var (slug, _) = await newsroom.Publish(Reader.Story("Ferry strike called", "Crews walk out on Monday."));
        // An older story's correction, public at once: written after its story went live.
        var (other, _) = await newsroom.Publish(Reader.Story("Bridge reopens", "The bridge reopened at noon."));
        api.Tick();
        await newsroom.AddNote(other, "correction", "An earlier version gave the wrong time.");
        var olderPublic = api.Clock.GetUtcNow();

        // 14:26 a correction on the draft, 14:30 the draft goes live.
        api.Tick();
        await newsroom.SaveNow(slug, Reader.Story("Ferry strike called", "Crews walk out on Tuesday."));
        var written = api.Tick();
        await newsroom.AddNote(slug, "correction", "An earlier version said the strike began on Monday.");
        var live = api.Tick();
        await newsroom.PublishNow(slug);

        var feed = XDocument.Parse((await newsroom.Open("/feeds/corrections.atom")).Html);
        var entries = feed.Root!.Elements(Atom + "entry").ToList();
        entries[0].Element(Atom + "content")!.Value.ShouldContain("strike began on Monday");
        DateTimeOffset.Parse(entries[0].Element(Atom + "updated")!.Value).ShouldBe(live);
        DateTimeOffset.Parse(entries[1].Element(Atom + "updated")!.Value).ShouldBe(olderPublic);
        DateTimeOffset.Parse(feed.Root!.Element(Atom + "updated")!.Value).ShouldBe(live);

        var jsonLd = (await newsroom.Get<JsonElement>($"/api/stories/{slug}/jsonld")).Body;
        DateTimeOffset.Parse(jsonLd.GetProperty("correction")[0].GetProperty("datePublished").GetString()!).ShouldBe(live);

        var asOf = (await newsroom.Get<JsonElement>($"/api/stories/{slug}/public?asOf={Uri.EscapeDataString(live.AddMinutes(5).ToString("O"))}")).Body;
        var note = asOf.GetProperty("notes").EnumerateArray().Single(n => n.GetProperty("kind").GetString() == "correction");
        note.GetProperty("at").GetDateTimeOffset().ShouldBe(live);
        written.ShouldBeLessThan(live);
        // Before the publish, the correction was not public at all.
        var before = (await newsroom.Get<JsonElement>($"/api/stories/{slug}/public?asOf={Uri.EscapeDataString(written.AddMinutes(5).ToString("O"))}")).Body;
        before.GetProperty("notes").EnumerateArray().ShouldNotContain(n => n.GetProperty("kind").GetString() == "correction");
    }
}
