using System.Net.Http.Headers;
using System.Text.Json;
using Revisions.Api.Hosting;
using Revisions.Api.Http;

namespace Revisions.Cli;

/// <summary>An API answer: its status (0 when the API could not be reached) and body.</summary>
public sealed record ApiAnswer(int Status, string Body)
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
            var answer = new ApiAnswer((int)response.StatusCode, await response.Content.ReadAsStringAsync(cancellation));
            if (!answer.Succeeded) ReportProblem(answer);
            if (answer.Status is 401 or 403) ExplainAccess(answer.Status, method, path);
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

    /// <summary>Which token this needs and how to pass it: "401" alone tells a person nothing they can act on.</summary>
    private void ExplainAccess(int status, HttpMethod method, string path)
    {
        var error = environment.Error;
        var role = RoleFor(method, path);
        if (status == 403)
        {
            error.WriteLine($"Your token does not carry the role this needs: {role}. Pass a token with that role with --token or $REVISIONS_TOKEN.");
            return;
        }
        if (token is not null)
        {
            error.WriteLine("The API refused the token (it has expired, or was not signed with a key this API trusts).");
            error.WriteLine($"Pass a valid token with the role {role} with --token or $REVISIONS_TOKEN.");
            return;
        }
        error.WriteLine($"This needs a bearer token with the role {role}: pass it with --token <token> or set $REVISIONS_TOKEN.");
        error.WriteLine("Your newsroom's identity provider issues tokens; an API running in Development issues one itself:");
        var example = role.Split(' ', ',')[0];
        error.WriteLine($"  export REVISIONS_TOKEN=$(curl -s -X POST {new Uri(baseAddress, "dev/token")} -H 'Content-Type: application/json' -d '{{\"name\":\"Your Name\",\"roles\":[\"{example}\"]}}' | jq -r .token)");
    }

    /// <summary>The roles that may make this request, in words, from the API's own table of who may call what.</summary>
    internal static string RoleFor(HttpMethod method, string path) =>
        Security.PolicyFor(method.Method, "/" + path.Split('?')[0].TrimStart('/')) switch
        {
            Security.Editors => Roles.Editor,
            Security.NoteWriters => $"{Roles.Editor} or {Roles.Standards}",
            Security.Standards => Roles.Standards,
            Security.Legal => Roles.Legal,
            Security.LegalOrAdmin => $"{Roles.Legal} or {Roles.Admin}",
            Security.Admin => Roles.Admin,
            _ => $"{Roles.Editor}, {Roles.Standards}, {Roles.Legal} or {Roles.Admin} (any newsroom role)"
        };

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
