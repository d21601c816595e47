using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using Revisions.Api.Tests.Corrections;
using Revisions.Api.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Revisions.Api.Tests.Security;

/// <summary>
/// Every operation in /openapi/v1.json, and every route the document leaves out (reader pages, assets,
/// health), is sent the bad inputs of <see cref="OperationWalk"/> against a real story. None may answer 5xx,
/// and every 4xx is problem details, except where a reader's page answers a person with an HTML page.
/// </summary>
public class when_walking_every_operation(ApiFixture api, ITestOutputHelper output) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task no_bad_input_gets_a_5xx_and_every_refusal_is_problem_details()
    {
        using var client = api.Host.Server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.For("Walk Editor", TestTokens.AllRoles));
        using var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));
        var components = document.RootElement.GetProperty("components");
        var operations = OperationWalk.Operations(document.RootElement, Endpoints.Of(api.Host));
        var failures = new ConcurrentDictionary<string, string>();
        var statuses = new ConcurrentDictionary<int, int>();
        var clock = Stopwatch.StartNew();

        // Operations side by side, each on a story of its own; an operation's probes one after another, so that
        // what one probe changes (a slug taken, a story unpublished) is the same for the next on every run. A
        // rebuild of the read models goes last, alone: while it runs, stories are briefly missing from them.
        async Task Walk(Operation operation, int i)
        {
            var real = await TargetsFor(operation, $"walk-{i}");
            var pages = PageStatuses(document.RootElement, operation);
            foreach (var probe in OperationWalk.Probes(operation, real, components))
            {
                var (status, problem) = await Send(client, probe, pages);
                statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
                if (problem is not null) failures.TryAdd($"{probe.Operation} · {status} · {problem}", probe.What);
            }
        }
        var numbered = operations.Select((o, i) => (Operation: o, Index: i)).ToList();
        var rebuilds = numbered.Where(o => o.Operation.Route.StartsWith("/api/admin/", StringComparison.Ordinal)).ToList();
        await Parallel.ForEachAsync(numbered.Except(rebuilds), new ParallelOptions { MaxDegreeOfParallelism = 4 },
            async (o, _) => await Walk(o.Operation, o.Index));
        foreach (var (operation, i) in rebuilds) await Walk(operation, i);

        output.WriteLine($"{operations.Count} operations, {statuses.Values.Sum()} requests in {clock.Elapsed.TotalSeconds:F1} s; " +
                         string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Value}")));
        foreach (var failure in failures.OrderBy(f => f.Key)) output.WriteLine($"{failure.Key} (first: {failure.Value})");
        operations.Count.ShouldBeGreaterThan(40);
        failures.Keys.Order().ShouldBeEmpty();
    }

    /// <summary>Sends a probe; returns its status and what is wrong with the answer, if anything.</summary>
    private static async Task<(int Status, string? Problem)> Send(HttpClient client, Probe probe, IReadOnlySet<int> pages)
    {
        using var request = new HttpRequestMessage(new HttpMethod(probe.Method), new Uri(client.BaseAddress!, probe.Url));
        if (probe.Body is not null)
        {
            request.Content = new ByteArrayContent(probe.Body);
            if (probe.ContentType is not null) request.Content.Headers.TryAddWithoutValidation("Content-Type", probe.ContentType);
        }
        foreach (var (name, value) in probe.Headers)
            if (!request.Headers.TryAddWithoutValidation(name, value)) request.Content?.Headers.TryAddWithoutValidation(name, value);
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var status = (int)response.StatusCode;
        if (status < 400) return (status, null);
        var body = await response.Content.ReadAsStringAsync();
        var media = response.Content.Headers.ContentType?.MediaType;
        if (status >= 500) return (status, $"a server error ({FirstLine(body)})");
        if (media == "text/html" && pages.Contains(status) && body.Length > 0) return (status, null);
        if (media != "application/problem+json") return (status, $"answered {media ?? "no content type"} ({FirstLine(body)})");
        try
        {
            using var problem = JsonDocument.Parse(body);
            return problem.RootElement.TryGetProperty("status", out var s) && s.GetInt32() == status && problem.RootElement.TryGetProperty("title", out _)
                ? (status, null)
                : (status, "problem details without its status or title");
        }
        catch (JsonException)
        {
            return (status, $"problem details that are not JSON ({FirstLine(body)})");
        }
    }

    private static string FirstLine(string body) => body.Length <= 120 ? body : body[..120] + "…";

    /// <summary>
    /// The statuses an operation answers with an HTML page for people: those the document lists as text/html,
    /// and any refusal of a reader's page or a desk page (pages for people, which the document leaves out).
    /// </summary>
    private static IReadOnlySet<int> PageStatuses(JsonElement document, Operation operation)
    {
        if (!document.GetProperty("paths").TryGetProperty(operation.Route, out var path)
            || !path.TryGetProperty(operation.Method.ToLowerInvariant(), out var described))
            return operation.Route.StartsWith("/stories/", StringComparison.Ordinal) || operation.Route.StartsWith("/desk/", StringComparison.Ordinal)
                ? Enumerable.Range(400, 100).ToHashSet() : [];
        return described.GetProperty("responses").EnumerateObject()
            .Where(r => r.Value.TryGetProperty("content", out var c) && c.TryGetProperty("text/html", out _))
            .Select(r => int.Parse(r.Name)).ToHashSet();
    }

    /// <summary>
    /// A story of the operation's own, published, with whatever else its route names: a hold, a redaction, a
    /// stealth-edit flag, a correction. Returns the real value of each route parameter.
    /// </summary>
    private async Task<Func<string, string>> TargetsFor(Operation operation, string slug)
    {
        var newsroom = api.Newsroom;
        var story = (await newsroom.Create(Standards.Story($"Walked story {slug}", "The minister spoke on Friday.", "Talks went on."), slug: slug)).Body;
        var version = (await newsroom.Publish(slug, story.Version)).Body.Version;
        string? hold = null, redaction = null, flag = null, correction = null;
        var route = operation.Route;
        if (route.Contains("{holdId}"))
            hold = (await newsroom.Send<JsonElement>(HttpMethod.Post, $"/api/stories/{slug}/holds", "Lee Legal", new { reason = "Case 1" })).Body.GetProperty("holdId").GetString();
        if (route.Contains("{redactionId}"))
            redaction = (await newsroom.Send<JsonElement>(HttpMethod.Post, $"/api/stories/{slug}/redactions", "Lee Legal",
                new { contentVersion = 1, block = 1, reason = "Order 1" })).Body.GetProperty("redactionId").GetString();
        if (route.Contains("{flagId}"))
        {
            await newsroom.ReviseAndPublish(slug, version, Standards.Story($"Walked story {slug}", "The minister spoke on Saturday.", "Talks went on."));
            flag = (await newsroom.OpenFlags(story.Id.ToString())).Single().GetProperty("flag").GetProperty("id").GetString();
        }
        if (route.StartsWith("/api/corrections/{id}", StringComparison.Ordinal))
            correction = (await newsroom.AddNote(slug, "correction", "The minister spoke on Friday, not Thursday.")).Body.GetProperty("noteId").GetString();

        return parameter => parameter switch
        {
            "id" when correction is not null => correction,
            "id" or "slug" => slug,
            "n" or "version" => "1",
            "holdId" => hold!,
            "redactionId" => redaction!,
            "flagId" => flag!,
            _ => Endpoints.Placeholder(parameter)
        };
    }
}
