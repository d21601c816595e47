using System.Security.Claims;

namespace Revisions.Api.Http;

/// <summary>
/// The newsroom's roles, from the bearer token's <c>roles</c> claim, and what they let a caller see.
/// Anonymous callers are the public. Who may call which endpoint is decided in Hosting/Security.cs.
/// </summary>
public static class Roles
{
    public const string Editor = "editor";
    public const string Standards = "standards";
    public const string Legal = "legal";
    public const string Admin = "admin";

    /// <summary>Every newsroom role; a caller with none of them is the public.</summary>
    public static readonly string[] Newsroom = [Editor, Standards, Legal, Admin];

    public static bool IsNewsroom(ClaimsPrincipal user) => Newsroom.Any(user.IsInRole);

    /// <summary>Only the legal desk sees text withdrawn by a redaction, to check what the order covers.</summary>
    public static bool CanSeeRedacted(HttpContext c) => c.User.IsInRole(Legal);
}
