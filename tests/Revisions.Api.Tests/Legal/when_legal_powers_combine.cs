using System.Net;
using System.Text.Json;
using Revisions.Api.Http;
using Revisions.Api.Stories;
using Revisions.Api.Tests.Infrastructure;
using Revisions.Api.Tests.Public;
using Revisions.Domain.Legal;
using Revisions.Domain.Stories;

namespace Revisions.Api.Tests.Legal;

/// <summary>
/// Each legal power keeps its promise on its own; these are the combinations that once broke it: an erasure
/// inside redacted text, a note quoting it, and roles other than legal reading the newsroom API.
/// </summary>
public class when_legal_powers_combine(ApiFixture api) : IClassFixture<ApiFixture>
{
    private const string Quote = "Council leader Jo Bloggs said: \"We will look at every decision taken by the last council.\"";
    private const string Secret = "every decision taken by the last council";
    private readonly Newsroom newsroom = api.Newsroom;

    private async Task<string> PublishedWithQuote(string slug)
    {
        await newsroom.Create(Reader.Story("Council reviews contracts", "The council met on Monday.", Quote, "The review starts in June."), slug: slug);
        await newsroom.PublishNow(slug);
        return slug;
    }

    private Task<Answer<JsonElement>> AsLegal(HttpMethod method, string url, object? body) => newsroom.Send<JsonElement>(method, url, "Lee Legal", body);

    private async Task RedactQuote(string slug) =>
        (await AsLegal(HttpMethod.Post, $"/api/stories/{slug}/redactions", new { contentVersion = 1, block = 1, reason = "Court order HC-2025-0142" }))
        .Status.ShouldBe(HttpStatusCode.Created);

    private async Task NoPublicSurfaceShows(string slug, string text)
    {
        foreach (var url in new[] { $"/stories/{slug}", $"/stories/{slug}/changes", $"/stories/{slug}/versions/{(await newsroom.PublishVersions(slug))[0]}",
                     "/feeds/corrections.atom", $"/feeds/stories/{slug}/corrections.atom", $"/api/stories/{slug}/jsonld" })
        {
            var page = await Newsroom.Anonymous(api.Host.Server.CreateClient()).Open(url);
            page.Status.ShouldBe(HttpStatusCode.OK, url);
            page.Html.ShouldNotContain(text, Case.Insensitive, url);
        }
    }

    [Fact]
    public async Task an_erasure_inside_redacted_text_leaves_it_redacted()
    {
        var slug = await PublishedWithQuote("erase-inside-redaction");
        await RedactQuote(slug);
        (await AsLegal(HttpMethod.Post, $"/api/stories/{slug}/erasures", new { text = "Jo Bloggs", reason = "Privacy request 2025-17" }))
            .Status.ShouldBe(HttpStatusCode.OK);

        await NoPublicSurfaceShows(slug, Secret);
        (await newsroom.Open($"/stories/{slug}")).Html.ShouldContain(RedactionRules.Marker);
        var redactions = (await AsLegal(HttpMethod.Get, $"/api/stories/{slug}/redactions", null)).Body;
        redactions.EnumerateArray().Single().GetProperty("inForce").GetBoolean().ShouldBeTrue();
        // The legal desk still reads what was published, with the name erased.
        (await newsroom.Send<StoryView>(HttpMethod.Get, $"/api/stories/{slug}", "Lee Legal", null)).Body.Body[1].Text
            .ShouldBe(Quote.Replace("Jo Bloggs", LegalHolds.ErasedMarker));
    }

    [Fact]
    public async Task a_note_quoting_redacted_text_is_withdrawn_where_it_quotes_it()
    {
        var slug = await PublishedWithQuote("note-quotes-redaction");
        (await newsroom.Send<JsonElement>(HttpMethod.Post, $"/api/stories/{slug}/notes", "Sam Standards",
            new { kind = "clarification", text = $"An earlier version said \"{Secret}\". The council has not decided." })).Status.ShouldBe(HttpStatusCode.Created);
        await newsroom.PublishNow(slug);
        (await newsroom.Open($"/stories/{slug}")).Html.ShouldContain(Secret);

        await RedactQuote(slug);

        await NoPublicSurfaceShows(slug, Secret);
        var page = (await newsroom.Open($"/stories/{slug}")).Html;
        page.ShouldContain("The council has not decided.");
        page.ShouldContain(RedactionRules.Marker);
    }

    [Fact]
    public async Task a_note_can_be_redacted_by_its_id()
    {
        var slug = await PublishedWithQuote("note-redacted-by-id");
        var note = (await newsroom.Send<JsonElement>(HttpMethod.Post, $"/api/stories/{slug}/notes", "Sam Standards",
            new { kind = "correction", text = "An earlier version named the wrong contractor, Acme Paving." })).Body;
        await newsroom.PublishNow(slug);

        (await AsLegal(HttpMethod.Post, $"/api/stories/{slug}/redactions", new { note = note.GetProperty("noteId").GetGuid(), reason = "Settlement 44/2025" }))
            .Status.ShouldBe(HttpStatusCode.Created);
        (await AsLegal(HttpMethod.Post, $"/api/stories/{slug}/redactions", new { note = Guid.NewGuid(), reason = "Wrong id" }))
            .Status.ShouldBe(HttpStatusCode.NotFound);

        await NoPublicSurfaceShows(slug, "Acme Paving");
    }

    [Fact]
    public async Task only_legal_reads_redacted_text_in_the_newsroom_api()
    {
        var slug = await PublishedWithQuote("newsroom-roles-redaction");
        await newsroom.SaveNow(slug, Reader.Story("Council reviews contracts", "The council met on Monday.", Quote, "The review starts in July."));
        await RedactQuote(slug);
        string[] urls = [$"/api/stories/{slug}", $"/api/stories/{slug}/versions/1", $"/api/stories/{slug}/diff?from=0&to=3",
            $"/api/stories/{slug}/diff?from=0&to=3&format=html", $"/api/stories/{slug}/diff?from=0&to=3&format=text", $"/api/stories/{slug}/events",
            $"/api/stories/{slug}?asOf={Uri.EscapeDataString(DateTimeOffset.UtcNow.ToString("O"))}", $"/api/stories/{slug}/public"];

        foreach (var role in new[] { Roles.Editor, Roles.Standards, Roles.Admin })
        {
            var reader = Newsroom.As(api.Host.Server.CreateClient(), role);
            foreach (var url in urls)
            {
                var answer = await reader.Open(url);
                answer.Status.ShouldBe(HttpStatusCode.OK, $"{role} {url}");
                answer.Html.ShouldNotContain(Secret, Case.Insensitive, $"{role} {url}");
            }
        }
        var legal = Newsroom.As(api.Host.Server.CreateClient(), Roles.Legal);
        foreach (var url in urls) (await legal.Open(url)).Html.ShouldContain(Secret, Case.Insensitive, url);
        (await Newsroom.As(api.Host.Server.CreateClient(), Roles.Admin).Open($"/api/stories/{slug}/evidence")).Status.ShouldBe(HttpStatusCode.Forbidden);
    }
}
