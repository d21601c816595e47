using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using Revisions.Api.Tests.Infrastructure;
using static Revisions.Api.Tests.Corrections.Standards;

namespace Revisions.Api.Tests.Corrections;

/// <summary>Three stories and their notes, written once for the class.</summary>
public sealed class NotedStories : ApiFixture
{
    public string StoryA { get; private set; } = "";
    public string StoryB { get; private set; } = "";
    public string Draft { get; private set; } = "";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var newsroom = Newsroom;
        (StoryA, _) = await newsroom.PublishedStory(Story("Log story A", "UK prime minister Kier Starmer spoke in Kyiv."));
        (StoryB, _) = await newsroom.PublishedStory(Story("Log story B", "Talks began on Thursday."));
        Draft = (await newsroom.Create(Story("Log draft", "Not yet out."))).Body.Id.ToString();

        await newsroom.AddNote(StoryA, "correction", "An earlier version misspelt Keir Starmer.");
        await newsroom.AddNote(StoryA, "editorial", "Trimmed the second paragraph — SECRET DESK NOTE.");
        await newsroom.AddNote(StoryB, "update", "Adds the Friday session.");
        await newsroom.AddNote(StoryB, "clarification", "=HYPERLINK(\"http://evil\") \"quoted\", with commas");
        await newsroom.AddNote(Draft, "correction", "Draft-only correction nobody may see.");
    }
}

public class when_the_desk_reads_the_corrections_log(NotedStories api) : IClassFixture<NotedStories>
{
    private readonly Newsroom newsroom = api.Newsroom;
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private readonly string storyA = api.StoryA, storyB = api.StoryB, draft = api.Draft;

    [Fact]
    public async Task filters_and_counts_are_right()
    {
        var all = (await newsroom.Get<JsonElement>("/api/corrections")).Body;
        all.GetProperty("total").GetInt32().ShouldBeGreaterThanOrEqualTo(5);
        all.GetProperty("counts").GetProperty("correction").GetInt32().ShouldBe(2);
        all.GetProperty("counts").GetProperty("editorial").GetInt32().ShouldBe(1);

        var corrections = (await newsroom.Get<JsonElement>("/api/corrections?kind=correction,clarification")).Body;
        corrections.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("kind").GetString()).Distinct()
            .ShouldBe(["correction", "clarification"], ignoreOrder: true);

        var onlyB = (await newsroom.Get<JsonElement>($"/api/corrections?story={storyB}")).Body;
        onlyB.GetProperty("total").GetInt32().ShouldBe(2);
        onlyB.GetProperty("items")[0].GetProperty("slug").GetString().ShouldBe("log-story-b");

        var future = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(1).ToString("O"));
        (await newsroom.Get<JsonElement>($"/api/corrections?from={future}")).Body.GetProperty("total").GetInt32().ShouldBe(0);

        (await newsroom.Get<JsonElement>("/api/corrections?kind=apology")).Status.ShouldBe(HttpStatusCode.BadRequest);
        (await newsroom.Get<JsonElement>("/api/corrections?from=never")).Status.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task the_csv_export_has_a_row_per_note_and_defuses_formulas()
    {
        var response = await newsroom.Client.GetAsync($"/api/corrections?story={storyB}&format=csv");
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var csv = await response.Content.ReadAsStringAsync();
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldBe("at,kind,story_id,slug,headline,about_version,editor,text");
        lines.Length.ShouldBe(3);
        csv.ShouldContain("\"'=HYPERLINK(\"\"http://evil\"\") \"\"quoted\"\", with commas\"");
    }

    [Fact]
    public async Task the_feed_is_atom_and_carries_only_public_notes_of_live_stories()
    {
        var response = await newsroom.Client.GetAsync("/feeds/corrections.atom");
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/atom+xml");
        var feed = XDocument.Parse(await response.Content.ReadAsStringAsync());

        feed.Root!.Name.ShouldBe(Atom + "feed");
        feed.Root.Element(Atom + "id").ShouldNotBeNull();
        feed.Root.Element(Atom + "updated").ShouldNotBeNull();
        var entries = feed.Root.Elements(Atom + "entry").ToList();
        entries.Count.ShouldBe(3);
        entries.ShouldAllBe(e => e.Element(Atom + "id") != null && e.Element(Atom + "title") != null && e.Element(Atom + "updated") != null);
        var texts = string.Join("\n", entries.Select(e => e.Element(Atom + "content")!.Value));
        texts.ShouldContain("misspelt Keir Starmer");
        texts.ShouldNotContain("SECRET DESK NOTE");
        texts.ShouldNotContain("Draft-only");

        var perStory = XDocument.Parse(await newsroom.Client.GetStringAsync("/feeds/stories/log-story-a/corrections.atom"));
        perStory.Root!.Elements(Atom + "entry").ShouldHaveSingleItem();
        (await newsroom.Client.GetAsync("/feeds/stories/log-draft/corrections.atom")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task editorial_notes_never_reach_public_outputs()
    {
        var jsonLd = await newsroom.Client.GetStringAsync($"/api/stories/{storyA}/jsonld");
        var article = JsonDocument.Parse(jsonLd).RootElement;
        article.GetProperty("@type").GetString().ShouldBe("NewsArticle");
        article.GetProperty("dateModified").GetString().ShouldNotBeNull();
        article.GetProperty("correction").GetArrayLength().ShouldBe(1);
        jsonLd.ShouldNotContain("SECRET DESK NOTE");

        var page = await newsroom.Client.GetStringAsync("/stories/log-story-a");
        page.ShouldNotContain("SECRET DESK NOTE");
        (await newsroom.Client.GetAsync($"/api/stories/{draft}/jsonld")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
