using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using CsCheck;
using Npgsql;
using Revisions.Api.Tests.Infrastructure;
using Revisions.Api.Tests.Public;
using Revisions.Domain.Stories;
using Xunit.Abstractions;

namespace Revisions.Api.Tests.Security;

/// <summary>
/// Four thousand randomly broken writes: each is refused with a 4xx ProblemDetails, none causes a 5xx, and the
/// event store is byte for byte what it was before. Hostile but valid text is stored as sent and never runs.
/// (when_walking_every_operation sends every operation each kind of bad input in turn; this mixes them at random.)
/// </summary>
public class when_fuzzing_the_api(ApiFixture api, ITestOutputHelper output) : IClassFixture<ApiFixture>
{
    private const int Cases = 4_000;

    [Fact]
    public async Task broken_requests_are_refused_with_problem_details_and_change_nothing()
    {
        var newsroom = api.Newsroom;
        (await newsroom.Create(Reader.Story("Fuzz target", "Text."), slug: FuzzCases.Story)).Status.ShouldBe(HttpStatusCode.Created);
        var before = await EventStoreFingerprint();
        var statuses = new ConcurrentDictionary<int, int>();
        var started = DateTime.UtcNow;
        using var client = api.Host.Server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", TestTokens.For("Fuzz Editor", TestTokens.AllRoles));

        await Gen.Select(Gen.Int[0, 6], Gen.Int[0, int.MaxValue]).Select(t => FuzzCases.Build(t.Item1, t.Item2))
            .SampleAsync(async fuzz =>
            {
                using var request = new HttpRequestMessage(new HttpMethod(fuzz.Method), fuzz.Path) { Content = new ByteArrayContent(fuzz.Body) };
                request.Content.Headers.TryAddWithoutValidation("Content-Type", fuzz.ContentType);
                request.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
                using var response = await client.SendAsync(request);
                var status = (int)response.StatusCode;
                statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
                status.ShouldBeInRange(400, 499, fuzz.ToString());
                response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json", fuzz.ToString());
                using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                problem.RootElement.GetProperty("status").GetInt32().ShouldBe(status, fuzz.ToString());
            }, iter: Cases, threads: 4);

        var after = await EventStoreFingerprint();
        output.WriteLine($"{statuses.Values.Sum()} requests in {(DateTime.UtcNow - started).TotalSeconds:F1} s; " +
                         string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Value}")) + $"; events before {before.Count}, after {after.Count}");
        statuses.Values.Sum().ShouldBeGreaterThanOrEqualTo(Cases);
        statuses.Keys.ShouldAllBe(s => s < 500);
        after.ShouldBe(before);
    }

    [Fact]
    public async Task queries_with_nonsense_values_never_fail_on_our_side()
    {
        var newsroom = api.Newsroom;
        var slug = (await newsroom.Publish(Reader.Story("Fuzz queries", "One."))).Slug;
        await newsroom.SaveNow(slug, Reader.Story("Fuzz queries", "Two."));
        string[] paths = [$"/api/stories/{slug}/diff", "/api/stories", $"/stories/{slug}/changes", "/api/corrections", $"/api/stories/{slug}", $"/stories/{slug}/timegate"];
        string[] names = ["from", "to", "format", "asOf", "story", "since", "ignore", "view", "limit"];
        var statuses = new ConcurrentDictionary<int, int>();

        await Gen.Select(Gen.Int[0, paths.Length - 1], Gen.Int[0, names.Length - 1], Gen.Int[0, FuzzCases.Hostile.Length - 1], Gen.String)
            .SampleAsync(async (p, n, h, text) =>
            {
                var value = Uri.EscapeDataString(FuzzCases.Hostile[h] + text);
                using var response = await newsroom.Client.GetAsync($"{paths[p]}?{names[n]}={value}&from=-1&to={value}");
                statuses.AddOrUpdate((int)response.StatusCode, 1, (_, c) => c + 1);
                ((int)response.StatusCode).ShouldBeLessThan(500, $"{paths[p]}?{names[n]}={value}");
            }, iter: 1_000, threads: 4);
        output.WriteLine(string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Value}")));
    }

    [Fact]
    public async Task hostile_text_that_is_valid_is_kept_exactly_as_sent()
    {
        var newsroom = api.Newsroom;
        foreach (var (text, i) in FuzzCases.Hostile.Select((t, i) => (t, i)))
        {
            // A headline may not carry bidirectional controls (when_input_is_invalid); a paragraph may.
            var headline = TextRules.BidiControlAt(text) < 0 ? $"Hostile {i} {text}" : $"Hostile {i}";
            var created = await newsroom.Create(Reader.Story(headline, text), slug: $"hostile-{i}");
            created.Status.ShouldBe(HttpStatusCode.Created, text);
            var read = (await newsroom.Get($"hostile-{i}")).Body;
            read.Headline.ShouldBe(headline);
            read.Body.Single().Text.ShouldBe(text);
        }
    }

    /// <summary>How many events there are and a hash over all of them, in order.</summary>
    private async Task<(long Count, string Hash)> EventStoreFingerprint()
    {
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select count(*), coalesce(md5(string_agg(stream_id::text || ':' || version || ':' || data::text, ',' order by seq_id)), '') from revisions.mt_events",
            connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetString(1));
    }
}
