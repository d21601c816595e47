using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Revisions.Api.Hosting;

/// <summary>
/// A 401 or 403 says, as a problem body, which roles the endpoint admits and how to sign in, in words and as
/// a <c>roles</c> member a client can read (the revisions CLI turns it into a hint): a bare 401 or 403 left a
/// person guessing which token to fetch. The status and the WWW-Authenticate challenge are the framework's own.
/// </summary>
public sealed class AccessRefusals(IProblemDetailsService problems) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _framework = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult result)
    {
        await _framework.HandleAsync(next, context, policy, result);
        if (!(result.Challenged || result.Forbidden) || context.Response.HasStarted) return;
        // The desk's session sends a person to its sign-in or refusal page instead (Desk/DeskSignIn.cs).
        if (context.Response.StatusCode is >= 300 and < 400) return;

        var roles = policy.Requirements.OfType<RolesAuthorizationRequirement>().SelectMany(r => r.AllowedRoles).Distinct().ToArray();
        if (roles.Length == 0) roles = Http.Roles.Newsroom;
        var admitted = roles.Length == 1 ? $"the role {roles[0]}" : $"one of the roles {string.Join(", ", roles)}";
        var signedIn = context.User.Identity?.IsAuthenticated == true;
        var (title, detail) = result.Forbidden && signedIn
            ? ("Your token does not allow this", $"This needs {admitted}; the token has none of them.")
            : context.Request.Headers.Authorization.Count > 0
                ? ("The token was not accepted", $"The bearer token has expired or was not signed with a key this API trusts. This needs a token with {admitted}.")
                : ("Sign in to do this", $"This needs a bearer token (Authorization: Bearer …) with {admitted}.");
        await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = context.Response.StatusCode, Title = title, Detail = detail, Extensions = { ["roles"] = roles } }
        });
    }
}
