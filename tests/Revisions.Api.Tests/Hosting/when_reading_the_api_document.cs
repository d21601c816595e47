using System.Text.Json;
using Revisions.Api.Tests.Infrastructure;

namespace Revisions.Api.Tests.Hosting;

/// <summary>
/// A CMS team generates its client from /openapi/v1.json, so the document must say what each operation answers:
/// typed bodies with schemas, refusals as problem details, and the bearer token the newsroom API needs.
/// </summary>
public class when_reading_the_api_document(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task every_operation_lists_its_answers_with_schemas_and_its_refusals_as_problem_details()
    {
        using var document = await DocumentAsync();
        var paths = document.RootElement.GetProperty("paths");
        var wrong = new List<string>();
        var operations = 0;
        foreach (var path in paths.EnumerateObject())
        foreach (var operation in path.Value.EnumerateObject())
        {
            operations++;
            var name = $"{operation.Name.ToUpperInvariant()} {path.Name}";
            if (!operation.Value.TryGetProperty("responses", out var responses) || !responses.EnumerateObject().Any())
            {
                wrong.Add($"{name}: no responses");
                continue;
            }
            foreach (var response in responses.EnumerateObject())
            {
                var status = int.Parse(response.Name);
                var content = response.Value.TryGetProperty("content", out var c) ? c : default;
                var page = path.Name.StartsWith("/stories/", StringComparison.Ordinal) && content.ValueKind == JsonValueKind.Object && content.TryGetProperty("text/html", out _);
                if (status >= 400 && !page && (content.ValueKind != JsonValueKind.Object || !content.TryGetProperty("application/problem+json", out var problem)
                                      || !problem.TryGetProperty("schema", out _)))
                    wrong.Add($"{name}: {status} is not problem details");
                if (status is 200 && path.Name.EndsWith("/diff", StringComparison.Ordinal) && !(content.TryGetProperty("text/html", out _) && content.TryGetProperty("application/json", out _)))
                    wrong.Add($"{name}: a diff's three formats are not all listed");
                if (status is 200 or 201 && (content.ValueKind != JsonValueKind.Object || !content.EnumerateObject().All(m => m.Value.TryGetProperty("schema", out _))))
                    wrong.Add($"{name}: {status} has no schema");
            }
            if (path.Name.StartsWith("/api/", StringComparison.Ordinal) && !path.Name.EndsWith("/jsonld", StringComparison.Ordinal))
            {
                if (!operation.Value.TryGetProperty("security", out var security) || security.GetArrayLength() == 0)
                    wrong.Add($"{name}: no bearer requirement");
                foreach (var status in new[] { "401", "403" })
                    if (!responses.TryGetProperty(status, out _)) wrong.Add($"{name}: {status} not listed");
            }
        }
        operations.ShouldBeGreaterThan(30);
        wrong.ShouldBeEmpty();
    }

    [Fact]
    public async Task the_document_declares_the_bearer_scheme()
    {
        using var document = await DocumentAsync();
        var scheme = document.RootElement.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        scheme.GetProperty("type").GetString().ShouldBe("http");
        scheme.GetProperty("scheme").GetString().ShouldBe("bearer");
    }

    [Fact]
    public async Task a_write_names_the_refusals_it_makes()
    {
        using var document = await DocumentAsync();
        var revise = document.RootElement.GetProperty("paths").GetProperty("/api/stories/{id}").GetProperty("put");
        revise.GetProperty("operationId").GetString().ShouldBe("ReviseStory");
        revise.GetProperty("responses").EnumerateObject().Select(r => r.Name)
            .ShouldBe(["200", "400", "401", "403", "404", "409", "413", "422", "428"], ignoreOrder: true);
        revise.GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json")
            .GetProperty("schema").GetProperty("$ref").GetString().ShouldBe("#/components/schemas/StoryView");
    }

    private async Task<JsonDocument> DocumentAsync()
    {
        using var client = api.Host.Server.CreateClient();
        return JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));
    }
}
