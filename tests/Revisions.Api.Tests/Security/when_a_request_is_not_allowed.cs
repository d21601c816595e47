using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Revisions.Api.Tests.Infrastructure;

namespace Revisions.Api.Tests.Security;

/// <summary>A 401 or 403 says which roles would do, so a person knows which token to fetch.</summary>
public class when_a_request_is_not_allowed(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task without_a_token_the_answer_names_the_roles_that_may()
    {
        var (status, problem) = await Send(HttpMethod.Get, "/api/stories", token: null);

        status.ShouldBe(HttpStatusCode.Unauthorized);
        problem.GetProperty("title").GetString().ShouldBe("Sign in to do this");
        Roles(problem).ShouldBe(["editor", "standards", "legal", "admin"]);
    }

    [Fact]
    public async Task with_a_token_that_lacks_the_role_the_answer_names_it()
    {
        var (status, problem) = await Send(HttpMethod.Post, "/api/admin/projections/rebuild", TestTokens.For("Sam Standards", "standards"));

        status.ShouldBe(HttpStatusCode.Forbidden);
        problem.GetProperty("detail").GetString()!.ShouldContain("This needs the role admin");
        Roles(problem).ShouldBe(["admin"]);
    }

    [Fact]
    public async Task a_token_not_signed_by_a_trusted_key_is_named_as_such()
    {
        var (status, problem) = await Send(HttpMethod.Get, "/api/stories", "not.a.token");

        status.ShouldBe(HttpStatusCode.Unauthorized);
        problem.GetProperty("title").GetString().ShouldBe("The token was not accepted");
    }

    private async Task<(HttpStatusCode, JsonElement)> Send(HttpMethod method, string path, string? token)
    {
        using var request = new HttpRequestMessage(method, path);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await api.Host.Server.CreateClient().SendAsync(request);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    private static string[] Roles(JsonElement problem) =>
        problem.GetProperty("roles").EnumerateArray().Select(r => r.GetString()!).ToArray();
}
