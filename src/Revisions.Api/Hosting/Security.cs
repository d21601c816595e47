using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Revisions.Api.Http;
using Wolverine.Http;

namespace Revisions.Api.Hosting;

/// <summary>
/// Who may call what, decided here for every endpoint by route and method rather than in each endpoint file,
/// so a new endpoint is covered the moment it exists. Everything outside <c>/api</c> is the reader's side
/// (pages, feeds, assets, health, API docs) and open to all: it shows published text only. Everything under
/// <c>/api</c> needs a signed-in newsroom role unless a rule below says otherwise; an endpoint nobody wrote
/// a rule for gets the last rule of its kind (reads: any newsroom role, writes: editor), and anything that
/// escapes the Wolverine table (say a minimal-API endpoint) still meets the fallback policy.
/// </summary>
public static class Security
{
    public const string Public = "public";
    public const string Newsroom = "newsroom";
    public const string Editors = "editors";
    public const string NoteWriters = "note-writers";
    public const string Standards = "standards";
    public const string Legal = "legal";
    public const string LegalOrAdmin = "legal-or-admin";
    public const string Admin = "admin";

    /// <summary>First match wins. "*" is one route segment (or part of one), "**" any number of them.</summary>
    private static readonly (string Methods, string Route, string Policy)[] Rules =
    [
        ("GET", "/api/stories/*/jsonld", Public),            // published NewsArticle markup, as on the page
        ("*", "/api/admin/**", Admin),
        ("POST", "/api/integrity/**", Admin),
        ("GET", "/api/integrity/**", LegalOrAdmin),
        // Legal records: legal makes them; admin may read them for oversight. Redacted text itself is shown
        // to legal only, whatever the endpoint (Http/Roles.CanSeeRedacted).
        ("GET", "/api/evidence/**", LegalOrAdmin),
        ("GET", "/api/legal/**", LegalOrAdmin),
        ("GET", "/api/**/evidence", LegalOrAdmin),
        ("GET", "/api/**/redact*", LegalOrAdmin),
        ("GET", "/api/**/holds", LegalOrAdmin),
        ("GET", "/api/**/erasures", LegalOrAdmin),
        ("*", "/api/evidence/**", Legal),
        ("*", "/api/legal/**", Legal),
        ("*", "/api/**/evidence/**", Legal),
        ("*", "/api/**/redact*", Legal),
        ("*", "/api/**/redact*/**", Legal),
        ("*", "/api/**/holds", Legal),
        ("*", "/api/**/holds/**", Legal),
        ("*", "/api/**/erasures", Legal),
        ("*", "/api/**/erasures/**", Legal),
        ("POST", "/api/stories/*/notes", NoteWriters),
        ("POST", "/api/flags/**", Standards),
        ("POST", "/api/diff", Newsroom),                      // compares two texts the caller sent; stores nothing
        ("GET", "/api/**", Newsroom),
        ("*", "/api/**", Editors),
    ];

    private static readonly (string[] Methods, Regex Route, string Policy)[] Compiled =
        Rules.Select(r => (r.Methods.Split(','), Glob(r.Route), r.Policy)).ToArray();

    public static WebApplicationBuilder AddRevisionsSecurity(this WebApplicationBuilder builder)
    {
        builder.AddRevisionsTokens();
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Newsroom, p => p.RequireRole(Roles.Newsroom))
            .AddPolicy(Editors, p => p.RequireRole(Roles.Editor))
            .AddPolicy(NoteWriters, p => p.RequireRole(Roles.Editor, Roles.Standards))
            .AddPolicy(Standards, p => p.RequireRole(Roles.Standards))
            .AddPolicy(Legal, p => p.RequireRole(Roles.Legal))
            .AddPolicy(LegalOrAdmin, p => p.RequireRole(Roles.Legal, Roles.Admin))
            .AddPolicy(Admin, p => p.RequireRole(Roles.Admin))
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().AddRequirements(new OutsideApiOrNewsroom()).Build());
        builder.Services.AddSingleton<IAuthorizationHandler, OutsideApiOrNewsroomHandler>();
        builder.AddRevisionsRateLimits();
        return builder;
    }

    public static WebApplication UseRevisionsSecurity(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRevisionsRateLimits();
        app.UseIdempotencyKeys();
        if (app.Environment.IsDevelopment()) app.MapDevTokens();
        return app;
    }

    /// <summary>Gives every Wolverine endpoint its policy from the rules above.</summary>
    public static void ApplyAccessRules(this WolverineHttpOptions options) =>
        options.ConfigureEndpoints(chain =>
        {
            var route = chain.RoutePattern?.RawText ?? "";
            var methods = chain.HttpMethods.ToArray();
            var policy = PolicyFor(methods.FirstOrDefault() ?? "GET", route);
            if (policy is null) return;
            if (policy == Public) chain.Metadata.AllowAnonymous();
            else chain.Metadata.RequireAuthorization(policy);
        });

    /// <summary>The policy for a route template; null for the reader's side, which is open to all.</summary>
    public static string? PolicyFor(string method, string route)
    {
        route = "/" + route.Trim('/');
        if (!IsApi(route)) return null;
        foreach (var (methods, pattern, policy) in Compiled)
        {
            if ((methods[0] == "*" || methods.Contains(method, StringComparer.OrdinalIgnoreCase)) && pattern.IsMatch(route))
                return policy;
        }
        return Editors;
    }

    private static bool IsApi(string path) =>
        path.Equals("/api", StringComparison.OrdinalIgnoreCase) || path.StartsWith("/api/", StringComparison.OrdinalIgnoreCase);

    private static Regex Glob(string route) =>
        new("^" + Regex.Escape(route).Replace(@"/\*\*", "(?:/.*)?").Replace(@"\*", "[^/]*") + "$",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <summary>The fallback for endpoints that carry no policy of their own: deny under /api unless signed in with a role.</summary>
    private sealed class OutsideApiOrNewsroom : IAuthorizationRequirement;

    private sealed class OutsideApiOrNewsroomHandler : AuthorizationHandler<OutsideApiOrNewsroom>
    {
        protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, OutsideApiOrNewsroom requirement)
        {
            var path = (context.Resource as HttpContext)?.Request.Path.Value ?? "/api";
            if (!IsApi(path) || Roles.IsNewsroom(context.User)) context.Succeed(requirement);
            return Task.CompletedTask;
        }
    }
}
