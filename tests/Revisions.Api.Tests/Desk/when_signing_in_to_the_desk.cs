using System.Net;
using System.Net.Http.Headers;
using Revisions.Api.Http;
using Revisions.Api.Tests.Infrastructure;

namespace Revisions.Api.Tests.Desk;

public class when_signing_in_to_the_desk(ApiFixture api) : IClassFixture<ApiFixture>
{
    private DeskClient Person() => new(api.Host.Server);

    [Fact]
    public async Task someone_not_signed_in_is_sent_to_the_sign_in_page()
    {
        using var person = Person();
        var response = await person.GetAsync("/desk/stories?status=draft");
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldContain("/desk/sign-in?ReturnUrl=%2Fdesk%2Fstories%3Fstatus%3Ddraft");
        (await person.GetAsync("/desk/sign-in")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task an_editor_signs_in_and_sees_the_stories_under_their_name()
    {
        using var person = Person();
        var signedIn = await person.SignInAsync("Edna Editor", Roles.Editor);
        signedIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        signedIn.Headers.Location!.ToString().ShouldBe("/desk/stories");
        var page = await person.GetAsync("/desk/stories");
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await page.Content.ReadAsStringAsync()).ShouldContain("Signed in as <strong>Edna Editor</strong> (editor)");
    }

    [Fact]
    public async Task a_reader_with_no_newsroom_role_is_refused()
    {
        using var person = Person();
        (await person.SignInAsync("Rita Reader")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var response = await person.GetAsync("/desk/stories");
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.AbsolutePath.ShouldBe("/desk/refused");
        var refused = await person.GetAsync(response.Headers.Location!.ToString());
        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("The desk is for the newsroom");
    }

    [Fact]
    public async Task a_bearer_token_does_not_open_the_desk()
    {
        using var person = Person();
        person.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.For("Tom Token", TestTokens.AllRoles));
        var response = await person.GetAsync("/desk/stories");
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldContain("/desk/sign-in");
    }

    [Fact]
    public async Task a_form_posted_without_its_antiforgery_token_is_refused()
    {
        using var person = Person();
        var signIn = await person.PostWithoutTokenAsync("/desk/sign-in", [new("name", "Mallory"), new("roles", Roles.Admin)]);
        signIn.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await person.GetAsync("/desk/stories")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        await person.SignInAsync("Edna Editor", Roles.Editor);
        var signOut = await person.PostWithoutTokenAsync("/desk/sign-out", []);
        signOut.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        signOut.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await person.GetAsync("/desk/stories")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task signing_out_ends_the_session()
    {
        using var person = Person();
        await person.SignInAsync("Edna Editor", Roles.Editor);
        var signedOut = await person.PostFormAsync("/desk/stories", "/desk/sign-out", []);
        signedOut.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await person.GetAsync("/desk/stories")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task the_sign_in_form_refuses_an_unknown_role_and_names_the_roles()
    {
        using var person = Person();
        var response = await person.SignInAsync("Edna Editor", "superuser");
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("Roles are editor, standards, legal, admin; not superuser.");
    }

    [Fact]
    public async Task the_stylesheet_is_served()
    {
        using var person = Person();
        var css = await person.GetAsync("/desk/desk.css");
        css.StatusCode.ShouldBe(HttpStatusCode.OK);
        css.Content.Headers.ContentType!.MediaType.ShouldBe("text/css");
    }
}
