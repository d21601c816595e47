using System.Globalization;
using System.Net;
using System.Text.Json;
using Revisions.Api.Http;
using Revisions.Api.Legal;
using Revisions.Api.Tests.Infrastructure;
using Revisions.Api.Tests.Public;
using Revisions.Domain.Legal;
using Revisions.Domain.Stories;

namespace Revisions.Api.Tests.Legal;

public class when_legal_redacts_a_story(ApiFixture api) : IClassFixture<ApiFixture>
{
    private const string Phrase = "Quimby";
    private readonly Newsroom newsroom = api.Newsroom;

    private static readonly StoryContent Reported = Reader.Story("Alderman Quimby named in fraud inquiry",
        "The council met on Monday.", "Witnesses say Alderman Quimby took the money.", "The inquiry continues.");

    /// <summary>
    /// Published twice: the second update edits the last paragraph and keeps the others, word for word. Only
    /// the story whose headline is redacted names Quimby in its headline, as the all-stories feed shows headlines.
    /// </summary>
    private async Task<(string Slug, int First, int Second)> PublishedTwice(string slug, bool nameInHeadline = false)
    {
        var reported = nameInHeadline ? Reported : Reported with { Headline = "Councillor named in fraud inquiry" };
        await newsroom.Create(reported, slug: slug);
        var first = await newsroom.PublishNow(slug);
        await newsroom.SaveNow(slug, reported with { Body = [.. reported.Body.Take(2), Block.Paragraph("The inquiry continues into June.")] });
        (await newsroom.Send<JsonElement>(HttpMethod.Post, $"/api/stories/{slug}/notes", "Sam Standards",
            new { kind = "correction", text = "An earlier version gave the wrong month." })).Status.ShouldBe(HttpStatusCode.Created);
        return (slug, first, await newsroom.PublishNow(slug));
    }

    /// <summary>The list is for the legal desk, so it is read as a legal editor, like the writes.</summary>
    private Task<Answer<List<RedactionEntry>>> Redactions(string slug) =>
        newsroom.Send<List<RedactionEntry>>(HttpMethod.Get, $"/api/stories/{slug}/redactions", "Lee Legal", null);

    private Task<Answer<RedactionMade>> Redact(string slug, object body) =>
        newsroom.Send<RedactionMade>(HttpMethod.Post, $"/api/stories/{slug}/redactions", "Lee Legal", body);

    [Fact]
    public async Task redacted_text_appears_in_no_public_response()
    {
        var (slug, first, second) = await PublishedTwice("fraud-inquiry-redacted", nameInHeadline: true);
        (await Redact(slug, new { contentVersion = 1, block = 1, reason = "Court order HC-2025-0142" })).Status.ShouldBe(HttpStatusCode.Created);
        (await Redact(slug, new { contentVersion = 1, field = "headline", reason = "Court order HC-2025-0142" })).Status.ShouldBe(HttpStatusCode.Created);
        var firstAt = (await newsroom.Versions(slug)).Body.Single(v => v.Version == first).At;

        var urls = new[]
        {
            $"/stories/{slug}", $"/stories/{slug}/changes", $"/stories/{slug}/changes?from={first}&to={second}",
            $"/stories/{slug}/versions/{first}", $"/stories/{slug}/versions/{second}", $"/stories/{slug}/timemap",
            $"/api/stories/{slug}/public",
            $"/api/stories/{slug}/public?asOf={firstAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture)}",
            "/feeds/corrections.atom", $"/feeds/stories/{slug}/corrections.atom", $"/api/stories/{slug}/jsonld"
        };
        foreach (var url in urls)
        {
            var response = await newsroom.Open(url);
            response.Status.ShouldBe(HttpStatusCode.OK, url);
            response.Html.ShouldNotContain(Phrase, Case.Insensitive, url);
            if (!url.EndsWith("/timemap")) response.Html.ShouldContain(RedactionRules.Marker, Case.Sensitive, url);
        }
        var gate = await newsroom.Client.GetAsync($"/stories/{slug}/timegate");
        string.Join(" ", gate.Headers.Select(h => string.Join(" ", h.Value))).ShouldNotContain(Phrase, Case.Insensitive);

        var page = await newsroom.Open($"/stories/{slug}");
        page.Html.ShouldContain("The council met on Monday.");
        page.Html.ShouldContain("The inquiry continues into June.");
        // The audit trail keeps the original, which the legal desk reads: the event store is never altered.
        (await Newsroom.As(api.Host.Server.CreateClient(), Roles.Legal).Open($"/api/stories/{slug}/events")).Html
            .ShouldContain("Witnesses say Alderman Quimby took the money.");
        (await newsroom.Open($"/api/stories/{slug}/events")).Html.ShouldNotContain("Witnesses say Alderman Quimby took the money.");
    }

    [Fact]
    public async Task the_as_of_view_names_what_it_withheld()
    {
        var (slug, _, _) = await PublishedTwice("fraud-inquiry-as-of");
        await Redact(slug, new { contentVersion = 1, block = 1, reason = "Privacy" });

        var now = (await newsroom.Get<PublicAsOf>($"/api/stories/{slug}/public")).Body;

        now.Redacted.ShouldBe(["body/1"]);
        now.Content.Body[1].Text.ShouldBe(RedactionRules.Marker);
        now.Notes.ShouldHaveSingleItem().Kind.ShouldBe("correction");
    }

    [Fact]
    public async Task redactions_are_listed_and_a_lifted_one_shows_the_text_again()
    {
        var (slug, _, _) = await PublishedTwice("fraud-inquiry-lifted");
        var made = (await Redact(slug, new { contentVersion = 1, block = 1, reason = "Interim injunction" })).Body;
        (await newsroom.Open($"/stories/{slug}")).Html.ShouldNotContain(Phrase);

        var lifted = await newsroom.Send<JsonElement>(HttpMethod.Post, $"/api/stories/{slug}/redactions/{made.RedactionId}/lift", "Lee Legal",
            new { reason = "Injunction discharged" });
        lifted.Status.ShouldBe(HttpStatusCode.OK);

        (await newsroom.Open($"/stories/{slug}")).Html.ShouldContain("<p>Witnesses say Alderman Quimby took the money.</p>");
        var listed = (await Redactions(slug)).Body.ShouldHaveSingleItem();
        (listed.RedactionId, listed.Field, listed.Reason, listed.Editor, listed.InForce).ShouldBe((made.RedactionId, (string?)null, "Interim injunction", "Lee Legal", false));
        listed.LiftReason.ShouldBe("Injunction discharged");
        (await newsroom.Send<JsonElement>(HttpMethod.Post, $"/api/stories/{slug}/redactions/{made.RedactionId}/lift", "Lee Legal",
            new { reason = "again" })).Status.ShouldBe(HttpStatusCode.NotFound);
        (await newsroom.Versions(slug)).Body.Select(v => v.Kind).ShouldContain("redaction-lifted");
    }

    [Fact]
    public async Task a_redaction_needs_a_reason_and_something_that_exists_to_redact()
    {
        var (slug, first, _) = await PublishedTwice("fraud-inquiry-refusals");

        (await Redact(slug, new { contentVersion = 1, block = 1 })).Status.ShouldBe(HttpStatusCode.BadRequest);
        (await Redact(slug, new { block = 1, reason = "Order" })).Status.ShouldBe(HttpStatusCode.BadRequest);
        (await Redact(slug, new { contentVersion = 1, block = 1, field = "headline", reason = "Order" })).Status.ShouldBe(HttpStatusCode.BadRequest);
        (await Redact(slug, new { contentVersion = 1, field = "caption", reason = "Order" })).Status.ShouldBe(HttpStatusCode.BadRequest);
        (await Redact(slug, new { contentVersion = 99, block = 1, reason = "Order" })).Status.ShouldBe(HttpStatusCode.NotFound);
        (await Redact(slug, new { contentVersion = 1, block = 7, reason = "Order" })).Status.ShouldBe(HttpStatusCode.NotFound);
        (await Redact(slug, new { contentVersion = 1, field = "standfirst", reason = "Order" })).Status.ShouldBe(HttpStatusCode.NotFound);
        (await Redact(slug, new { contentVersion = first, block = 1, reason = "Order" })).Status.ShouldBe(HttpStatusCode.NotFound);
        (await Redact("no-such-story", new { contentVersion = 1, reason = "Order" })).Status.ShouldBe(HttpStatusCode.NotFound);
        (await Redactions(slug)).Body.ShouldBeEmpty();
    }
}
