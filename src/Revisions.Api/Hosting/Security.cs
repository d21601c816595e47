using Microsoft.AspNetCore.Authorization;
using Revisions.Api.Http;

namespace Revisions.Api.Hosting;

/// <summary>
/// Which roles each policy admits (Http/Policies.cs). Endpoints declare their own policy where they are
/// written; anything under <c>/api</c> that declares none (say an endpoint mapped outside Wolverine) still meets
/// the fallback policy, which demands a newsroom role. Outside <c>/api</c> is the reader's side, open to all.
/// </summary>
public static class Security
{
    public static WebApplicationBuilder AddRevisionsSecurity(this WebApplicationBuilder builder)
    {
        builder.AddRevisionsTokens();
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Newsroom, p => p.RequireRole(Roles.Newsroom))
            .AddPolicy(Policies.Editors, p => p.RequireRole(Roles.Editor))
            .AddPolicy(Policies.Watchers, p => p.RequireRole(Roles.Editor, Roles.Legal))
            .AddPolicy(Policies.NoteWriters, p => p.RequireRole(Roles.Editor, Roles.Standards))
            .AddPolicy(Policies.Standards, p => p.RequireRole(Roles.Standards))
            .AddPolicy(Policies.Legal, p => p.RequireRole(Roles.Legal))
            .AddPolicy(Policies.LegalOrAdmin, p => p.RequireRole(Roles.Legal, Roles.Admin))
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin))
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().AddRequirements(new OutsideApiOrNewsroom()).Build());
        builder.Services.AddSingleton<IAuthorizationHandler, OutsideApiOrNewsroomHandler>();
        // 401 and 403 say which roles would do (Hosting/AccessRefusals.cs).
        builder.Services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, AccessRefusals>();
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

    private static bool IsApi(string path) =>
        path.Equals("/api", StringComparison.OrdinalIgnoreCase) || path.StartsWith("/api/", StringComparison.OrdinalIgnoreCase);

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
