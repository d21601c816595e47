using System.Net;
using Revisions.Api.Http;
using Revisions.Api.Tests.Infrastructure;
using Revisions.Api.Tests.Public;
using Revisions.Domain.Stories;

namespace Revisions.Api.Tests.Security;

/// <summary>
/// Anonymous callers are the public: whatever they ask for, at any endpoint the app serves, they never get
/// text that was only ever a draft, nor text legal has redacted.
/// </summary>
public class when_a_reader_is_not_signed_in(ApiFixture api) : IClassFixture<ApiFixture>
{
    private const string DraftPhrase = "Quetzalcoatl draft-only sentence 7731";
    private const string RedactedPhrase = "Xylophone witness named 4409";

    [Fact]
    public async Task no_endpoint_gives_them_draft_or_redacted_text()
    {
        var newsroom = api.Newsroom;
        var published = await newsroom.Publish(Reader.Story("Council budget agreed", "The council agreed its budget.", RedactedPhrase + " spoke.", "More later."));
        var story = (await newsroom.Get(published.Slug)).Body;
        (await newsroom.Send<object>(HttpMethod.Post, $"/api/stories/{published.Slug}/redactions", "Lee Legal",
            new { contentVersion = 1, block = 1, reason = "Court order" })).Status.ShouldBe(HttpStatusCode.Created);
        await newsroom.SaveNow(published.Slug, Reader.Story("Council budget agreed " + DraftPhrase, "The council agreed its budget.", DraftPhrase));
        await newsroom.Create(Reader.Story("Never published " + DraftPhrase, DraftPhrase), slug: "never-published");

        var values = new Dictionary<string, string[]>
        {
            ["id"] = [story.Id.ToString(), published.Slug, "never-published"],
            ["slug"] = [published.Slug, "never-published"],
            ["n"] = ["1", "2", "3", "4", "5"],
        };
        var queries = new[] { "", "?format=text", "?format=html", "?from=1&to=5", "?asOf=2999-01-01T00:00:00Z", "?story=" + published.Slug };
        using var anonymous = api.Host.Server.CreateClient();
        var checkedUrls = 0;
        foreach (var endpoint in Endpoints.Of(api.Host).Where(e => e.IsRead && !e.Route.StartsWith("/docs")))
        {
            foreach (var url in Urls(endpoint, values).SelectMany(u => queries.Select(q => u + q)))
            {
                using var response = await anonymous.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
                var body = await Endpoints.ReadBoundedAsync(response, TimeSpan.FromMilliseconds(300));
                var headers = string.Join("\n", response.Headers.Concat(response.Content.Headers).Select(h => h.Key + ": " + string.Join(",", h.Value)));
                foreach (var phrase in new[] { DraftPhrase, RedactedPhrase })
                {
                    body.ShouldNotContain(phrase, Case.Insensitive, $"GET {url} ({(int)response.StatusCode})");
                    headers.ShouldNotContain(phrase, Case.Insensitive, $"GET {url} headers");
                }
                checkedUrls++;
            }
        }
        checkedUrls.ShouldBeGreaterThan(100);

        // The newsroom does see the draft, and the legal desk the redacted text: the phrases are really there to leak.
        (await newsroom.Open($"/api/stories/{published.Slug}")).Html.ShouldContain(DraftPhrase);
        (await Newsroom.As(api.Host.Server.CreateClient(), Revisions.Api.Http.Roles.Legal).Open($"/api/stories/{published.Slug}/events")).Html
            .ShouldContain(RedactedPhrase);
    }

    private static IEnumerable<string> Urls(Endpoint endpoint, Dictionary<string, string[]> values)
    {
        IEnumerable<string> urls = [endpoint.Route];
        foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(endpoint.Route, @"\{\*{0,2}([^}:=?]+)[^}]*\}"))
        {
            var name = m.Groups[1].Value;
            var choices = values.TryGetValue(name, out var given) ? given : [Endpoints.Placeholder(name)];
            urls = urls.SelectMany(u => choices.Select(c => u.Replace(m.Value, Uri.EscapeDataString(c))));
        }
        return urls;
    }
}
