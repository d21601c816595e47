using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Revisions.Api.Hosting;

namespace Revisions.Api.Desk;

/// <summary>
/// How people sign in to the desk: a cookie session of its own, apart from the API's bearer tokens (which the
/// desk never reads, and the API never takes a cookie, so no other site can drive the API through a browser).
/// The session comes from the newsroom's OpenID Connect provider (<c>Revisions:Auth:Authority</c> with
/// <c>Revisions:Auth:ClientId</c>), or, in Development or where <c>Revisions:Desk:SignInForm</c> is set, from a
/// form that picks a name and roles, as <c>/dev/token</c> does for the API. The identity carries the same
/// <c>name</c> and <c>roles</c> claims as a token, so the same policies decide what it may do.
/// </summary>
public static class DeskSignIn
{
    public const string Scheme = "Desk";
    public const string Provider = "DeskOpenIdConnect";
    public const string CookieName = "revisions-desk";

    /// <summary>Which way the desk signs people in on this host.</summary>
    public enum Mode { None, Provider, Form }

    public static WebApplicationBuilder AddDeskSignIn(this WebApplicationBuilder builder)
    {
        var auth = builder.Configuration.GetSection("Revisions:Auth");
        var mode = ModeOf(builder);
        builder.Services.AddSingleton(new DeskSignInMode(mode));
        var authentication = builder.Services.AddAuthentication().AddCookie(Scheme, o =>
        {
            o.Cookie.Name = CookieName;
            o.Cookie.Path = "/desk";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.LoginPath = "/desk/sign-in";
            o.LogoutPath = "/desk/sign-out";
            o.AccessDeniedPath = "/desk/refused";
            o.ExpireTimeSpan = TimeSpan.FromHours(10);
            o.SlidingExpiration = true;
        });
        if (mode == Mode.Provider)
        {
            authentication.AddOpenIdConnect(Provider, o =>
            {
                o.SignInScheme = Scheme;
                o.Authority = auth["Authority"];
                o.ClientId = auth["ClientId"];
                o.ClientSecret = auth["ClientSecret"];
                o.ResponseType = "code";
                o.UsePkce = true;
                o.CallbackPath = "/desk/signin-oidc";
                o.SignedOutCallbackPath = "/desk/signout-callback-oidc";
                o.Scope.Clear();
                foreach (var scope in (auth["Scopes"] ?? "openid profile").Split(' ', StringSplitOptions.RemoveEmptyEntries)) o.Scope.Add(scope);
                // The provider's claims as it names them: the same "name" and "roles" (or Revisions:Auth:RoleClaim)
                // the API reads from its tokens.
                o.MapInboundClaims = false;
                o.GetClaimsFromUserInfoEndpoint = auth.GetValue("UserInfo", false);
                o.TokenValidationParameters.NameClaimType = Tokens.NameClaim;
                o.TokenValidationParameters.RoleClaimType = auth["RoleClaim"] ?? Tokens.RoleClaim;
                o.SaveTokens = false;
            });
        }
        return builder;
    }

    private static Mode ModeOf(WebApplicationBuilder builder)
    {
        var auth = builder.Configuration.GetSection("Revisions:Auth");
        var form = builder.Configuration.GetValue<bool>("Revisions:Desk:SignInForm");
        if (form && builder.Environment.IsProduction())
            throw new InvalidOperationException("Revisions:Desk:SignInForm lets anyone sign in as anyone: it is refused in Production. Configure Revisions:Auth:Authority and Revisions:Auth:ClientId (docs/desk.md).");
        if (!string.IsNullOrWhiteSpace(auth["Authority"]) && !string.IsNullOrWhiteSpace(auth["ClientId"])) return Mode.Provider;
        if (form || builder.Environment.IsDevelopment()) return Mode.Form;
        return Mode.None;
    }

    /// <summary>The identity the sign-in form makes: the claims a token from the dev-token endpoint carries.</summary>
    public static ClaimsPrincipal Identity(string name, IEnumerable<string> roles)
    {
        var claims = new List<Claim> { new(Tokens.NameClaim, name) };
        claims.AddRange(roles.Select(r => new Claim(Tokens.RoleClaim, r)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, "desk-form", Tokens.NameClaim, Tokens.RoleClaim));
    }

    /// <summary>Only a path on the desk itself is a place to return to after signing in.</summary>
    public static string LocalReturn(string? returnUrl) =>
        returnUrl is not null && returnUrl.StartsWith("/desk", StringComparison.Ordinal) && !returnUrl.Contains("//") && !returnUrl.Contains('\\')
            ? returnUrl
            : "/desk";

    public static Task SignInAsync(HttpContext context, ClaimsPrincipal user) =>
        context.SignInAsync(Scheme, user, new AuthenticationProperties { IsPersistent = false });
}

/// <summary>Which way this host signs people in to the desk.</summary>
public sealed record DeskSignInMode(DeskSignIn.Mode Mode);
