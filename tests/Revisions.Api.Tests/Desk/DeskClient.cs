using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.TestHost;

namespace Revisions.Api.Tests.Desk;

/// <summary>
/// A person at the desk without a browser: keeps the desk's cookies, does not follow redirects, and sends a
/// form with the antiforgery token of the page it was rendered on, as a browser would.
/// </summary>
public sealed class DeskClient : IDisposable
{
    private readonly HttpClient _client;
    private readonly CookieContainer _cookies = new();

    public DeskClient(TestServer server)
    {
        _client = new HttpClient(new Cookies(_cookies) { InnerHandler = server.CreateHandler() }) { BaseAddress = server.BaseAddress };
    }

    public HttpClient Http => _client;

    /// <summary>Signs in through the desk's form as <paramref name="name"/> with <paramref name="roles"/>.</summary>
    public async Task<HttpResponseMessage> SignInAsync(string name, params string[] roles)
    {
        var fields = new List<KeyValuePair<string, string>> { new("name", name), new("returnUrl", "/desk/stories") };
        fields.AddRange(roles.Select(r => new KeyValuePair<string, string>("roles", r)));
        return await PostFormAsync("/desk/sign-in", "/desk/sign-in", fields);
    }

    public Task<HttpResponseMessage> GetAsync(string path) => _client.GetAsync(path);

    /// <summary>Opens <paramref name="page"/>, takes the token from its first form, and posts <paramref name="fields"/> with it to <paramref name="action"/>.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string page, string action, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var html = await (await _client.GetAsync(page)).Content.ReadAsStringAsync();
        var token = Regex.Match(html, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        token.ShouldNotBeEmpty($"{page} has no form token");
        return await _client.PostAsync(action, new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token))));
    }

    /// <summary>Posts without any token, as a form on another site would.</summary>
    public Task<HttpResponseMessage> PostWithoutTokenAsync(string action, IEnumerable<KeyValuePair<string, string>> fields) =>
        _client.PostAsync(action, new FormUrlEncodedContent(fields));

    public void Dispose() => _client.Dispose();

    private sealed class Cookies(CookieContainer jar) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var header = jar.GetCookieHeader(request.RequestUri!);
            if (header.Length > 0) request.Headers.Add("Cookie", header);
            var response = await base.SendAsync(request, cancellationToken);
            if (response.Headers.TryGetValues("Set-Cookie", out var set))
                foreach (var cookie in set) jar.SetCookies(request.RequestUri!, cookie);
            return response;
        }
    }
}
