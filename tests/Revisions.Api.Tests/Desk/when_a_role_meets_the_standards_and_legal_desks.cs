using System.Net;
using System.Text.Json;
using Revisions.Api.Http;
using Revisions.Api.Tests.Infrastructure;
using Revisions.Domain.Stories;
using static Revisions.Api.Tests.Corrections.Standards;

namespace Revisions.Api.Tests.Desk;

public class when_a_role_meets_the_standards_and_legal_desks(ApiFixture api) : IClassFixture<ApiFixture>
{
    private readonly Newsroom newsroom = api.Newsroom;

    private async Task<DeskClient> SignedIn(string name, params string[] roles)
    {
        var person = new DeskClient(api.Host.Server);
        (await person.SignInAsync(name, roles)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return person;
    }

    private async Task<(string Id, string Slug, Guid Flag)> FlaggedStory(string headline)
    {
        var (id, version) = await newsroom.PublishedStory(Story(headline, "Moscow now holds around 20% of Ukraine’s territory."));
        await newsroom.ReviseAndPublish(id, version, Story(headline, "Moscow now holds around 25% of Ukraine’s territory."));
        var flag = (await newsroom.OpenFlags(id)).ShouldHaveSingleItem();
        return (id, flag.GetProperty("slug").GetString()!, flag.GetProperty("flag").GetProperty("id").GetGuid());
    }

    private async Task<IReadOnlyList<Guid>> HoldsOn(string id)
    {
        await using var session = api.Store.QuerySession();
        return (await session.LoadAsync<StoryState>(Guid.Parse(id)))!.ActiveHolds;
    }

    private static void ShouldBeRefused(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.AbsolutePath.ShouldBe("/desk/refused");
    }

    [Fact]
    public async Task an_editor_cannot_open_the_legal_desk()
    {
        using var editor = await SignedIn("Edna Editor", Roles.Editor, Roles.Standards);
        var (id, slug, _) = await FlaggedStory("Legal desk closed to editors");
        ShouldBeRefused(await editor.GetAsync("/desk/legal"));
        ShouldBeRefused(await editor.GetAsync($"/desk/legal/stories/{slug}"));
        ShouldBeRefused(await editor.GetAsync($"/desk/legal/stories/{slug}/evidence"));
        ShouldBeRefused(await editor.GetAsync("/desk/legal/integrity?verify=now"));
        ShouldBeRefused(await editor.PostFormAsync("/desk/stories", $"/desk/legal/stories/{slug}/holds", [new("reason", "Smith v Daily")]));
        (await HoldsOn(id)).ShouldBeEmpty();
    }

    [Fact]
    public async Task an_admin_reads_the_legal_desk_but_only_legal_acts_on_it()
    {
        var (id, slug, _) = await FlaggedStory("Legal desk read by admin");
        using var admin = await SignedIn("Ada Admin", Roles.Admin);
        var page = await admin.GetAsync($"/desk/legal/stories/{slug}");
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await page.Content.ReadAsStringAsync()).ShouldNotContain("Place hold");
        ShouldBeRefused(await admin.PostFormAsync($"/desk/legal/stories/{slug}", $"/desk/legal/stories/{slug}/holds", [new("reason", "Smith v Daily")]));
        ShouldBeRefused(await admin.GetAsync($"/desk/legal/stories/{slug}/evidence"));

        using var lawyer = await SignedIn("Lee Lawyer", Roles.Legal);
        var held = await lawyer.PostFormAsync($"/desk/legal/stories/{slug}", $"/desk/legal/stories/{slug}/holds", [new("reason", "Smith v Daily")]);
        held.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        held.Headers.Location!.ToString().ShouldBe($"/desk/legal/stories/{slug}?done=held#holds");
        (await HoldsOn(id)).ShouldHaveSingleItem();
        // The legal desk offers the story among the latest changed and lists it under legal hold, by its headline.
        var desk = await (await lawyer.GetAsync("/desk/legal")).Content.ReadAsStringAsync();
        desk.ShouldContain($"<option value=\"{slug}\">Legal desk read by admin</option>");
        desk[desk.IndexOf("Stories under legal hold", StringComparison.Ordinal)..]
            .ShouldContain($"<a href=\"/desk/legal/stories/{slug}\">Legal desk read by admin</a>");
    }

    [Fact]
    public async Task an_erasure_under_a_hold_is_refused_and_the_hold_is_named()
    {
        var (id, slug, _) = await FlaggedStory("Erasure meets a hold");
        using var lawyer = await SignedIn("Lee Lawyer", Roles.Legal);
        await lawyer.PostFormAsync($"/desk/legal/stories/{slug}", $"/desk/legal/stories/{slug}/holds", [new("reason", "Preserve for Smith v Daily")]);

        var refused = await lawyer.PostFormAsync($"/desk/legal/stories/{slug}", $"/desk/legal/stories/{slug}/erasures",
            [new("text", "Moscow now holds"), new("reason", "GDPR article 17")]);

        refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var html = await refused.Content.ReadAsStringAsync();
        html.ShouldContain("The story is under legal hold");
        html.ShouldContain("Preserve for Smith v Daily");
        (await newsroom.Versions(id)).Body.Last().Kind.ShouldBe("alteration-refused");
    }

    [Fact]
    public async Task only_standards_editors_dismiss_a_flag_and_editors_resolve_one_with_a_note()
    {
        var (id, _, flag) = await FlaggedStory("Dismissal needs standards");
        using var editor = await SignedIn("Edna Editor", Roles.Editor);
        ShouldBeRefused(await editor.PostFormAsync("/desk/standards", $"/desk/standards/flags/{flag}/dismiss", [new("reason", "Fine as it is")]));
        (await newsroom.OpenFlags(id)).ShouldHaveSingleItem();

        var resolved = await editor.PostFormAsync("/desk/standards", $"/desk/standards/flags/{flag}/resolve",
            [new("kind", "correction"), new("text", "An earlier version gave the share as 20%.")]);
        resolved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await newsroom.OpenFlags(id)).ShouldBeEmpty();
        var log = (await newsroom.Get<JsonElement>($"/api/corrections?story={id}")).Body.GetProperty("items");
        log.EnumerateArray().ShouldHaveSingleItem().GetProperty("editor").GetString().ShouldBe("Edna Editor");
    }

    [Fact]
    public async Task a_refused_dismissal_shows_the_reason_beside_the_flag()
    {
        var (id, _, flag) = await FlaggedStory("Dismissal without a reason");
        using var standards = await SignedIn("Sam Standards", Roles.Standards);
        var refused = await standards.PostFormAsync("/desk/standards", $"/desk/standards/flags/{flag}/dismiss", [new("reason", "   ")]);
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("A dismissal needs a reason");
        (await newsroom.OpenFlags(id)).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task a_form_posted_without_its_antiforgery_token_is_refused()
    {
        var (id, slug, flag) = await FlaggedStory("Forms from elsewhere");
        using var standards = await SignedIn("Sam Standards", Roles.Standards);
        var dismiss = await standards.PostWithoutTokenAsync($"/desk/standards/flags/{flag}/dismiss", [new("reason", "Nothing to see")]);
        dismiss.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await newsroom.OpenFlags(id)).ShouldHaveSingleItem();

        using var lawyer = await SignedIn("Lee Lawyer", Roles.Legal);
        var hold = await lawyer.PostWithoutTokenAsync($"/desk/legal/stories/{slug}/holds", [new("reason", "Forged")]);
        hold.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var erase = await lawyer.PostWithoutTokenAsync($"/desk/legal/stories/{slug}/erasures", [new("text", "Moscow"), new("reason", "Forged")]);
        erase.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await HoldsOn(id)).ShouldBeEmpty();
    }

    [Fact]
    public async Task the_corrections_log_downloads_as_the_apis_csv()
    {
        var (id, _, _) = await FlaggedStory("Log as CSV");
        await newsroom.AddNote(id, "correction", "An earlier version gave the share as 20%.");
        using var editor = await SignedIn("Edna Editor", Roles.Editor);
        var csv = await editor.GetAsync($"/desk/standards/corrections.csv?story={id}&kind=correction");
        csv.StatusCode.ShouldBe(HttpStatusCode.OK);
        csv.Content.Headers.ContentDisposition!.FileName.ShouldBe("corrections.csv");
        var fromApi = await newsroom.Client.GetStringAsync($"/api/corrections?story={id}&kind=correction&format=csv");
        (await csv.Content.ReadAsStringAsync()).ShouldBe(fromApi);
    }
}
