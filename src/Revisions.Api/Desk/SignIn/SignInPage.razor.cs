using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Revisions.Api.Http;

namespace Revisions.Api.Desk.SignIn;

/// <summary>
/// Signing in and out. With an identity provider the sign-in page hands over to it at once; with the form, the
/// name and roles are checked as <c>/dev/token</c> checks them.
/// </summary>
public partial class SignInPage
{
    public static IResult Get(string? returnUrl, DeskSignInMode mode)
    {
        var back = DeskSignIn.LocalReturn(returnUrl);
        return mode.Mode == DeskSignIn.Mode.Provider
            ? TypedResults.Challenge(new AuthenticationProperties { RedirectUri = back }, [DeskSignIn.Provider])
            : Page(mode.Mode, back, null, null, null, mode.Mode == DeskSignIn.Mode.Form ? 200 : 503);
    }

    /// <summary>The form posts a name, the roles ticked (none for a reader), and where to go afterwards.</summary>
    public static async Task<IResult> Post(IFormCollection form, HttpContext context, DeskSignInMode mode)
    {
        if (mode.Mode != DeskSignIn.Mode.Form) return Page(mode.Mode, "/desk", null, null, null, 404);
        var back = DeskSignIn.LocalReturn(form["returnUrl"]);
        var name = form["name"].ToString().Trim();
        var roles = form["roles"].OfType<string>().Distinct().ToArray();
        string? error = null;
        if (name.Length == 0 || name.Length > Editors.MaxLength || name.Any(char.IsControl))
            error = $"Give your name: 1 to {Editors.MaxLength} characters.";
        else if (roles.Except(Http.Roles.Newsroom).ToArray() is { Length: > 0 } unknown)
            error = $"Roles are {string.Join(", ", Http.Roles.Newsroom)}; not {string.Join(", ", unknown)}.";
        if (error is not null) return Page(mode.Mode, back, error, name, roles, 400);

        await DeskSignIn.SignInAsync(context, DeskSignIn.Identity(name, roles));
        return TypedResults.Redirect(back);
    }

    public static async Task<IResult> SignOut(HttpContext context)
    {
        await context.SignOutAsync(DeskSignIn.Scheme);
        return TypedResults.Redirect("/desk/sign-in");
    }

    /// <summary>Signed in, but with no newsroom role (a reader), or without the role a page needs.</summary>
    public static async Task<IResult> Refused(string? returnUrl, HttpContext context)
    {
        var who = await context.AuthenticateAsync(DeskSignIn.Scheme);
        if (!who.Succeeded) return TypedResults.Redirect("/desk/sign-in");
        var user = context.User = who.Principal!;
        return new RazorComponentResult<RefusedPage>(new
        {
            User = await DeskUser.OfAsync(context),
            Reader = !Http.Roles.IsNewsroom(user),
            Wanted = DeskSignIn.LocalReturn(returnUrl)
        }) { StatusCode = 403 };
    }

    private static RazorComponentResult<SignInPage> Page(DeskSignIn.Mode mode, string back, string? error, string? name, string[]? roles, int status) =>
        new(new { Mode = mode, ReturnUrl = back, Error = error, Name = name, Chosen = (IReadOnlyList<string>?)roles ?? [Http.Roles.Editor] }) { StatusCode = status };
}
