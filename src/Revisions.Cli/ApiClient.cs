using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using Revisions.Api.Hosting;
using Revisions.Api.Http;

namespace Revisions.Cli;

/// <summary>
/// An API answer: its status (0 when the API could not be reached), body and, for a paged list, the address of
/// the next page (its Link header's rel="next").
/// </summary>
public sealed record ApiAnswer(int Status, string Body, Uri? Next = null)
{
    public bool Succeeded => Status is >= 200 and < 300;
    public int ExitCode => Status == 0 ? ExitCodes.ServerError : ExitCodes.ForStatus(Status);
    public T Read<T>() => JsonSerializer.Deserialize<T>(Body, ApiClient.Json)!;
}

/// <summary>
/// Talks to the Revisions API as the holder of the bearer token. Every refusal is printed to stderr the way the API
/// explained it (title, detail, and each error by file and line), so the command only decides its exit code.
/// </summary>
public sealed class ApiClient(CliEnvironment environment, Uri baseAddress, string? token = null)
{
    public static readonly JsonSerializerOptions Json = CreateJson();

    public Uri BaseAddress => baseAddress;

    private static JsonSerializerOptions CreateJson()
    {
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Web.Configure(json);
        return json;
    }

    public Task<ApiAnswer> GetAsync(string path, CancellationToken cancellation) =>
        SendAsync(HttpMethod.Get, path, null, cancellation);

    public async Task<ApiAnswer> SendAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancellation)
    {
        using var request = new HttpRequestMessage(method, new Uri(baseAddress, path)) { Content = content };
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("*/*", 0.5));
        try
        {
            using var http = environment.CreateHttpClient();
            using var response = await http.SendAsync(request, cancellation);
            var answer = new ApiAnswer((int)response.StatusCode, await response.Content.ReadAsStringAsync(cancellation), NextPage(response));
            if (!answer.Succeeded) ReportProblem(answer);
            if (answer.Status is 401 or 403) ExplainAccess(answer);
            return answer;
        }
        catch (HttpRequestException e)
        {
            environment.Error.WriteLine($"Cannot reach the Revisions API at {baseAddress}: {e.Message}");
            environment.Error.WriteLine("Start it (dotnet run --project src/Revisions.Api) or point --api / REVISIONS_API at it.");
            return new ApiAnswer(0, "");
        }
        catch (TaskCanceledException) when (!cancellation.IsCancellationRequested)
        {
            environment.Error.WriteLine($"The Revisions API at {baseAddress} did not answer in time.");
            return new ApiAnswer(0, "");
        }
    }

    private static Uri? NextPage(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Link", out var links)
        && Regex.Match(string.Join(", ", links), "<([^>]*)>;\\s*rel=\"next\"") is { Success: true } next
        && Uri.TryCreate(response.RequestMessage!.RequestUri, next.Groups[1].Value, out var uri)
            ? uri
            : null;

    /// <summary>
    /// Which token this needs and how to pass it: "401" alone tells a person nothing they can act on. The API
    /// names the roles it admits in the problem's <c>roles</c> member.
    /// </summary>
    private void ExplainAccess(ApiAnswer answer)
    {
        var error = environment.Error;
        var roles = RolesIn(answer.Body);
        var role = roles.FirstOrDefault() ?? Roles.Editor;
        if (answer.Status == 403 || token is not null)
        {
            error.WriteLine($"Pass a token with {(roles.Count > 1 ? "one of the roles " + string.Join(", ", roles) : "the role " + role)} with --token <token> or $REVISIONS_TOKEN.");
            return;
        }
        error.WriteLine("Pass a bearer token with --token <token> or set $REVISIONS_TOKEN. Your newsroom's identity provider issues them;");
        error.WriteLine("an API running in Development issues one itself:");
        error.WriteLine($"  export REVISIONS_TOKEN=$(curl -s -X POST {new Uri(baseAddress, "dev/token")} -H 'Content-Type: application/json' -d '{{\"name\":\"Your Name\",\"roles\":[\"{role}\"]}}' | jq -r .token)");
    }

    private static List<string> RolesIn(string body)
    {
        try
        {
            using var problem = JsonDocument.Parse(body);
            return problem.RootElement.ValueKind == JsonValueKind.Object && problem.RootElement.TryGetProperty("roles", out var roles) && roles.ValueKind == JsonValueKind.Array
                ? roles.EnumerateArray().Where(r => r.ValueKind == JsonValueKind.String).Select(r => r.GetString()!).ToList()
                : [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private void ReportProblem(ApiAnswer answer)
    {
        var error = environment.Error;
        try
        {
            using var problem = JsonDocument.Parse(answer.Body);
            var root = problem.RootElement;
            error.WriteLine($"{answer.Status}: {Text(root, "title") ?? "The API refused the request"}");
            if (Text(root, "detail") is { } detail) error.WriteLine(detail);
            if (root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
            {
                foreach (var e in errors.EnumerateArray())
                {
                    var line = e.TryGetProperty("line", out var l) && l.ValueKind == JsonValueKind.Number ? $", line {l.GetInt32()}" : "";
                    error.WriteLine($"  {Text(e, "file")}{line}: {Text(e, "message")}");
                }
            }
        }
        catch (JsonException)
        {
            error.WriteLine($"{answer.Status}: {(answer.Body.Length > 500 ? answer.Body[..500] + "…" : answer.Body)}");
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
