using Revisions.Api.Http;

namespace Revisions.Api.Hosting;

public sealed record DevTokenRequest(string? Name, string[]? Roles, int? Hours);

public sealed record DevToken(string Token, DateTimeOffset Expires, string Name, string[] Roles);

/// <summary>
/// Development only (not mapped, so 404, in any other environment): a token for any name and roles, signed
/// with the development key, so the API can be tried with curl without an identity provider.
/// </summary>
public static class DevTokens
{
    public static void MapDevTokens(this WebApplication app) =>
        app.MapPost("/dev/token", (DevTokenRequest request, TokenIssuer issuer) =>
            {
                var name = request.Name?.Trim();
                if (string.IsNullOrEmpty(name) || name.Length > Editors.MaxLength || name.Any(char.IsControl))
                    return Problems.BadRequest("A token needs a name", $"Give \"name\": the editor's name, at most {Editors.MaxLength} characters.");
                var roles = request.Roles is { Length: > 0 } ? request.Roles : [Revisions.Api.Http.Roles.Editor];
                var unknown = roles.Except(Revisions.Api.Http.Roles.Newsroom).ToArray();
                if (unknown.Length > 0)
                    return Problems.BadRequest("Unknown role", $"Roles are {string.Join(", ", Revisions.Api.Http.Roles.Newsroom)}; not {string.Join(", ", unknown)}.");
                var lifetime = TimeSpan.FromHours(Math.Clamp(request.Hours ?? 12, 1, 24 * 7));
                return Results.Ok(new DevToken(issuer.Issue(name, roles, lifetime), DateTimeOffset.UtcNow + lifetime, name, roles));
            })
            .AllowAnonymous()
            .ExcludeFromDescription();
}
