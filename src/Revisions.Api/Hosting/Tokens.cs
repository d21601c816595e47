using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Revisions.Api.Hosting;

/// <summary>
/// Bearer tokens. Either an OpenID Connect provider issues them (<c>Revisions:Auth:Authority</c>, with
/// <c>Revisions:Auth:Audience</c>), or they are signed with a shared symmetric key
/// (<c>Revisions:Auth:SigningKey</c>, base64, at least 32 bytes) by whoever holds it: the dev-token endpoint in
/// Development, the tests, or a newsroom's own token service. The editor is the <c>name</c> claim and the
/// roles the <c>roles</c> claim (see Http/Roles.cs).
/// </summary>
public static class Tokens
{
    public const string DefaultIssuer = "revisions";
    public const string DefaultAudience = "revisions-api";
    public const string NameClaim = "name";
    public const string RoleClaim = "roles";

    public static WebApplicationBuilder AddRevisionsTokens(this WebApplicationBuilder builder)
    {
        var auth = builder.Configuration.GetSection("Revisions:Auth");
        var authority = auth["Authority"];
        var issuer = auth["Issuer"] ?? DefaultIssuer;
        var audience = auth["Audience"] ?? DefaultAudience;
        var key = string.IsNullOrWhiteSpace(authority) ? SigningKey(builder) : null;
        if (key is not null) builder.Services.AddSingleton(new TokenIssuer(key, issuer, audience));

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(o =>
        {
            // Keep the claims as the token names them ("name", "roles"), not mapped to WS-* URIs.
            o.MapInboundClaims = false;
            o.TokenValidationParameters = new TokenValidationParameters
            {
                NameClaimType = NameClaim,
                RoleClaimType = auth["RoleClaim"] ?? RoleClaim,
                ValidAudience = audience,
                ClockSkew = TimeSpan.FromSeconds(30)
            };
            if (key is null)
            {
                o.Authority = authority;
                o.Audience = audience;
            }
            else
            {
                o.TokenValidationParameters.ValidIssuer = issuer;
                o.TokenValidationParameters.IssuerSigningKey = key;
            }
        });
        return builder;
    }

    /// <summary>
    /// The configured key; in Development one generated once and kept beside the data directory, so tokens
    /// survive a restart. Anywhere else without a key nobody can sign a token, so the newsroom API stays closed
    /// (reader pages still work) until one is configured.
    /// </summary>
    private static SymmetricSecurityKey SigningKey(WebApplicationBuilder builder)
    {
        var configured = builder.Configuration["Revisions:Auth:SigningKey"];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            var bytes = Convert.FromBase64String(configured);
            if (bytes.Length < 32) throw new InvalidOperationException("Revisions:Auth:SigningKey must be at least 32 bytes (base64).");
            return new SymmetricSecurityKey(bytes);
        }
        if (builder.Environment.IsDevelopment())
        {
            var directory = builder.Configuration["Revisions:DataDirectory"] ?? Database.DefaultDataDirectory();
            return new SymmetricSecurityKey(KeptKey(Path.Combine(directory, "dev-token-signing.key")));
        }
        Console.Error.WriteLine("No Revisions:Auth:SigningKey or Revisions:Auth:Authority is configured: the /api endpoints refuse every request. See docs/security.md.");
        return new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32));
    }

    private static byte[] KeptKey(string path)
    {
        if (File.Exists(path)) return Convert.FromBase64String(File.ReadAllText(path).Trim());
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var key = RandomNumberGenerator.GetBytes(32);
        File.WriteAllText(path, Convert.ToBase64String(key));
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return key;
    }
}

/// <summary>Signs tokens with the shared key: for the dev-token endpoint and for tests.</summary>
public sealed class TokenIssuer(SecurityKey key, string issuer = Tokens.DefaultIssuer, string audience = Tokens.DefaultAudience)
{
    public static TokenIssuer FromBase64(string key) => new(new SymmetricSecurityKey(Convert.FromBase64String(key)));

    public string Issue(string name, IEnumerable<string> roles, TimeSpan lifetime)
    {
        var claims = new List<Claim> { new(Tokens.NameClaim, name), new(JwtRegisteredClaimNames.Sub, name) };
        claims.AddRange(roles.Select(r => new Claim(Tokens.RoleClaim, r)));
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity(claims),
            Issuer = issuer,
            Audience = audience,
            IssuedAt = now,
            NotBefore = now.AddSeconds(-30),
            Expires = now + lifetime,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256)
        });
    }
}
