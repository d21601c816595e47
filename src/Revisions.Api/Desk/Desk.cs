using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Revisions.Api.Desk.Legal;
using Revisions.Api.Desk.SignIn;
using Revisions.Api.Desk.Standards;
using Revisions.Api.Desk.Stories;
using Revisions.Api.Http;

namespace Revisions.Api.Desk;

/// <summary>
/// The newsroom desk under <c>/desk</c>: HTML pages rendered on the server from Razor components, forms that work
/// without script. A page's endpoint calls the same use cases as the API (the story pipeline, the searches, the
/// diff engine) and renders a component with the result; nothing here calls the API over HTTP. Every page needs
/// a newsroom role, through the desk's cookie session (DeskSignIn.cs) and the API's own policies; every form
/// carries an antiforgery token, checked before its endpoint runs.
/// </summary>
public static class Desk
{
    public static WebApplicationBuilder AddRevisionsDesk(this WebApplicationBuilder builder)
    {
        builder.AddDeskSignIn();
        builder.Services.AddRazorComponents();
        builder.Services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "revisions-desk-form";
            o.Cookie.Path = "/desk";
            o.FormFieldName = "__RequestVerificationToken";
        });
        return builder;
    }

    public static WebApplication MapRevisionsDesk(this WebApplication app)
    {
        var open = app.MapGroup("/desk").AllowAnonymous().ExcludeFromDescription().WithFormsChecked();
        open.MapGet("/sign-in", SignInPage.Get);
        open.MapPost("/sign-in", SignInPage.Post);
        open.MapGet("/refused", SignInPage.Refused);

        // Any newsroom role opens the desk, through the desk's own session only: a bearer token counts for nothing here.
        var desk = app.MapGroup("/desk").ExcludeFromDescription()
            .RequireAuthorization(new AuthorizeAttribute(Policies.Newsroom) { AuthenticationSchemes = DeskSignIn.Scheme })
            .WithFormsChecked();
        desk.MapPost("/sign-out", (Delegate)SignInPage.SignOut);
        desk.MapGet("/", () => TypedResults.Redirect("/desk/stories"));
        DeskStories.Map(desk);
        DeskStandards.Map(desk);
        DeskLegal.Map(desk);
        return app;
    }

    /// <summary>
    /// Every post to the desk carries the antiforgery token of a form the desk rendered. An endpoint that binds a
    /// form is checked by the framework as it reads it; this covers the rest (sign out, publish: a button and no fields).
    /// </summary>
    private static RouteGroupBuilder WithFormsChecked(this RouteGroupBuilder group)
    {
        group.WithMetadata(new RequireAntiforgeryTokenAttribute());
        group.AddEndpointFilter(async (context, next) =>
            context.HttpContext.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false }
                ? Problems.BadRequest("The form has expired or did not come from the desk",
                    "Open the page again and resubmit: every desk form carries a token that proves it came from the desk.")
                : await next(context));
        return group;
    }
}
