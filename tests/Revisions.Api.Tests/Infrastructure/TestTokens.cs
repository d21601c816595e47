using Revisions.Api.Hosting;
using Revisions.Api.Http;

namespace Revisions.Api.Tests.Infrastructure;

/// <summary>
/// Bearer tokens for tests, signed with the key every test host is given (Revisions:Auth:SigningKey), as a
/// newsroom's identity provider would sign them.
/// </summary>
public static class TestTokens
{
    /// <summary>32 fixed bytes: test-only, never a deployment's key.</summary>
    public const string SigningKey = "cmV2aXNpb25zLXRlc3Qtc2lnbmluZy1rZXktMzItYnl0ZXMhIQ==";

    public static readonly string[] AllRoles = Roles.Newsroom;

    private static readonly TokenIssuer Issuer = TokenIssuer.FromBase64(SigningKey);
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> Cache = new();

    /// <summary>A token naming <paramref name="name"/> with <paramref name="roles"/>; cached, since tests mint many alike.</summary>
    public static string For(string name, params string[] roles) =>
        Cache.GetOrAdd(name + "\n" + string.Join(",", roles), _ => Issuer.Issue(name, roles, TimeSpan.FromHours(2)));

    /// <summary>
    /// The settings a test host needs: the signing key, rate limits no test reaches by accident, and the desk's
    /// sign-in form, which lets a test pick who it is as the Development desk does.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> HostSettings = new Dictionary<string, string>
    {
        ["Revisions:Auth:SigningKey"] = SigningKey,
        ["Revisions:RateLimits:ReadsPerWindow"] = "1000000",
        ["Revisions:RateLimits:WritesPerWindow"] = "1000000",
        ["Revisions:Desk:SignInForm"] = "true",
    };
}
