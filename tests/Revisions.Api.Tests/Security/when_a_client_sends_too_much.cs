using System.Net;
using Alba;
using Revisions.Api.Tests.Infrastructure;

namespace Revisions.Api.Tests.Security;

public class when_a_client_sends_too_much(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task writes_over_the_budget_get_429_with_retry_after_and_reads_keep_their_own_budget()
    {
        await using var host = await ApiFixture.StartHostAsync(api.ConnectionString, new Dictionary<string, string>
        {
            ["Revisions:RateLimits:WritesPerWindow"] = "2",
            ["Revisions:RateLimits:ReadsPerWindow"] = "5",
            ["Revisions:RateLimits:WindowSeconds"] = "60",
        });
        var newsroom = new Newsroom(host.Server.CreateClient());
        var content = Public.Reader.Story("Budgeted", "Text.");

        (await newsroom.Create(content, slug: "budget-1")).Status.ShouldBe(HttpStatusCode.Created);
        (await newsroom.Create(content, slug: "budget-2")).Status.ShouldBe(HttpStatusCode.Created);
        var refused = await newsroom.Create(content, slug: "budget-3");

        refused.Status.ShouldBe(HttpStatusCode.TooManyRequests);
        int.Parse(refused.Response.Headers.RetryAfter!.ToString()).ShouldBeInRange(1, 60);
        refused.Response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        refused.Problem!.Title.ShouldBe("Too many requests");
        (await newsroom.Get("budget-1")).Status.ShouldBe(HttpStatusCode.OK);
        (await newsroom.Get("budget-3")).Status.ShouldBe(HttpStatusCode.NotFound);

        // Another editor has a budget of their own; health checks have none.
        (await newsroom.Create(content, editor: "Bo Desk", slug: "budget-4")).Status.ShouldBe(HttpStatusCode.Created);
        for (var i = 0; i < 20; i++)
            (await newsroom.Client.GetAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task health_says_live_and_ready_when_the_database_answers()
    {
        using var client = api.Host.Server.CreateClient();
        foreach (var path in new[] { "/health", "/health/live", "/health/ready" })
        {
            var response = await client.GetAsync(path);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, path);
            (await response.Content.ReadAsStringAsync()).ShouldBe("Healthy");
        }
    }
}
