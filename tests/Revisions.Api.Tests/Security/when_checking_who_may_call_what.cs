using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Revisions.Api.Http;
using Revisions.Api.Tests.Infrastructure;

namespace Revisions.Api.Tests.Security;

/// <summary>
/// Every endpoint against every role and no token at all. The expectations are written out here, apart from
/// Hosting/Security.cs, so a slip in the rules shows; an /api endpoint added later without an entry here is
/// still checked to refuse anonymous and role-less callers.
/// </summary>
public class when_checking_who_may_call_what(ApiFixture api) : IClassFixture<ApiFixture>
{
    private const string Anyone = "anonymous";
    private static readonly string[] Desk = Roles.Newsroom;

    /// <summary>Who may call each endpoint; endpoints outside /api are open to anyone.</summary>
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["GET /api/stories/{id}/jsonld"] = [Anyone, .. Desk],
        ["POST /api/stories"] = [Roles.Editor],
        ["PUT /api/stories/{id}"] = [Roles.Editor],
        ["POST /api/stories/{id}/publish"] = [Roles.Editor],
        ["POST /api/stories/{id}/unpublish"] = [Roles.Editor],
        ["POST /api/stories/{id}/restore"] = [Roles.Editor],
        ["POST /api/import"] = [Roles.Editor],
        ["POST /api/stories/{id}/notes"] = [Roles.Editor, Roles.Standards],
        ["POST /api/flags/{flagId}/dismiss"] = [Roles.Standards],
        ["POST /api/diff"] = Desk,
        ["POST /api/admin/projections/rebuild"] = [Roles.Admin],
        ["POST /api/integrity/checkpoints"] = [Roles.Admin],
        ["GET /api/integrity/verify"] = [Roles.Legal, Roles.Admin],
        ["GET /api/integrity/checkpoints/latest"] = [Roles.Legal, Roles.Admin],
        ["POST /api/stories/{id}/redactions"] = [Roles.Legal],
        ["POST /api/stories/{id}/redactions/{redactionId}/lift"] = [Roles.Legal],
        ["GET /api/stories/{id}/redactions"] = [Roles.Legal, Roles.Admin],
        ["POST /api/stories/{id}/holds"] = [Roles.Legal],
        ["POST /api/stories/{id}/holds/{holdId}/lift"] = [Roles.Legal],
        ["GET /api/stories/{id}/evidence"] = [Roles.Legal],
        ["POST /api/stories/{id}/erasures"] = [Roles.Legal],
        ["GET /api/stories"] = Desk,
        ["GET /api/stories/{id}"] = Desk,
        ["GET /api/stories/{id}/versions"] = Desk,
        ["GET /api/stories/{id}/versions/{n}"] = Desk,
        ["GET /api/stories/{id}/events"] = Desk,
        ["GET /api/stories/{id}/diff"] = Desk,
        ["GET /api/corrections"] = Desk,
        ["GET /api/corrections/{id}/siblings"] = Desk,
        ["GET /api/flags"] = Desk,
        ["GET /api/watch/sources"] = Desk,
        ["GET /api/watch/sources/{id}"] = Desk,
        ["POST /api/watch/sources"] = [Roles.Editor, Roles.Legal],
        ["DELETE /api/watch/sources/{id}"] = [Roles.Editor, Roles.Legal],
        ["POST /api/watch/sources/{id}/pause"] = [Roles.Editor, Roles.Legal],
        ["POST /api/watch/sources/{id}/resume"] = [Roles.Editor, Roles.Legal],
        ["POST /api/watch/sources/{id}/poll"] = [Roles.Editor, Roles.Legal],
    };

    [Fact]
    public async Task every_endpoint_answers_each_role_as_the_matrix_says()
    {
        var endpoints = Endpoints.Of(api.Host).Where(e => !e.Route.StartsWith("/dev/")).ToList();
        endpoints.Count.ShouldBeGreaterThan(30);
        var wrong = new List<string>();
        foreach (var endpoint in endpoints)
        {
            var url = endpoint.Url(Endpoints.Placeholder);
            var known = Allowed.TryGetValue(endpoint.ToString(), out var allowed);
            foreach (var who in new[] { Anyone, "no role" }.Concat(Desk))
            {
                var status = await Call(endpoint, url, who);
                var refused = status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden;
                var expectRefusal = endpoint.IsApi && (known ? !(allowed!.Contains(who) || allowed.Contains(Anyone)) : who is Anyone or "no role");
                if (known || who is Anyone or "no role" || !endpoint.IsApi)
                {
                    if (refused != expectRefusal) wrong.Add($"{endpoint} as {who}: {(int)status}");
                    if (refused && who == Anyone && status != HttpStatusCode.Unauthorized) wrong.Add($"{endpoint} anonymous: {(int)status}, not 401");
                    if (refused && who != Anyone && status != HttpStatusCode.Forbidden) wrong.Add($"{endpoint} as {who}: {(int)status}, not 403");
                }
            }
        }
        wrong.ShouldBeEmpty();
    }

    [Fact]
    public void every_api_endpoint_declares_the_policy_the_security_doc_lists()
    {
        var declared = api.Host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => ("/" + e.RoutePattern.RawText?.TrimStart('/')).StartsWith("/api/", StringComparison.Ordinal))
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Where(m => m != "HEAD").Select(method =>
                (Key: $"{method} /{e.RoutePattern.RawText!.TrimStart('/')}",
                 Policy: e.Metadata.GetMetadata<IAllowAnonymous>() is not null ? "anyone"
                     : e.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).FirstOrDefault(p => p is not null) ?? "(none)")))
            .ToDictionary(e => e.Key, e => e.Policy);
        declared.Count.ShouldBeGreaterThan(25);

        // docs/security.md: "| GET | `/api/stories` | newsroom |", the policy's first word.
        var documented = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "docs", "security.md"))
            .Select(line => Regex.Match(line, @"^\| (GET|POST|PUT|DELETE|PATCH) \| `(/api/[^`]*)` \| ([\w-]+)"))
            .Where(m => m.Success)
            .ToDictionary(m => $"{m.Groups[1].Value} {m.Groups[2].Value}", m => m.Groups[3].Value);

        declared.OrderBy(e => e.Key).ShouldBe(documented.OrderBy(e => e.Key));
    }

    [Fact]
    public async Task an_invalid_or_foreign_token_is_refused_with_401()
    {
        using var client = api.Host.Server.CreateClient();
        var forged = new Revisions.Api.Hosting.TokenIssuer(
            new Microsoft.IdentityModel.Tokens.SymmetricSecurityKey(new byte[32])).Issue("Mallory", Desk, TimeSpan.FromHours(1));
        foreach (var token in new[] { "not-a-jwt", forged, TestTokens.For("Ann Editor", Desk)[..^4] + "AAAA" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/stories");
            request.Headers.Authorization = new("Bearer", token);
            (await client.SendAsync(request)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }
    }

    [Fact]
    public async Task the_editor_recorded_is_the_token_s_name_whatever_header_is_sent()
    {
        var newsroom = api.Newsroom;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/stories");
        request.Headers.Authorization = new("Bearer", TestTokens.For("Tess Token", Roles.Editor));
        request.Headers.Add("X-Editor", "Someone Else");
        request.Content = System.Net.Http.Json.JsonContent.Create(new { headline = "Named by the token", body = new[] { new { type = "paragraph", text = "Text." } } });
        var created = await newsroom.Client.SendAsync(request);
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var slug = "named-by-the-token";
        (await newsroom.Versions(slug)).Body.Single().Editor.ShouldBe("Tess Token");
    }

    [Fact]
    public async Task the_dev_token_endpoint_does_not_exist_outside_development()
    {
        using var client = api.Host.Server.CreateClient();
        var response = await client.PostAsync("/dev/token", System.Net.Http.Json.JsonContent.Create(new { name = "Me", roles = Desk }));
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private async Task<HttpStatusCode> Call(Endpoint endpoint, string url, string who)
    {
        using var client = api.Host.Server.CreateClient();
        using var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), url);
        if (who != Anyone) request.Headers.Authorization = new("Bearer", who == "no role" ? TestTokens.For("Nobody") : TestTokens.For($"Matrix {who}", who));
        if (!endpoint.IsRead) request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        return response.StatusCode;
    }
}
