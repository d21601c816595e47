using System.Security.Claims;
using Revisions.Domain.Legal;
using Revisions.Domain.Stories;

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

    /// <summary>The redactions to apply for this caller: none for legal, those in force for everyone else.</summary>
    public static IReadOnlyList<Redaction> RedactionsFor(HttpContext c, IReadOnlyList<Redaction> inForce) => CanSeeRedacted(c) ? [] : inForce;

    /// <summary>The story as this caller may see it: with the redactions in force applied, unless the caller is legal.</summary>
    public static Story AsShownTo(this Story story, HttpContext c) => CanSeeRedacted(c) ? story : story.Redacted();
}
