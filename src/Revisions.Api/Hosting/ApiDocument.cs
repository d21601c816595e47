using System.Reflection;
using System.Xml.Linq;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Revisions.Api.Hosting;

/// <summary>
/// The OpenAPI document people read in /docs and clients are generated from: a title, the bearer scheme, and
/// for each operation the summary written on its endpoint method (XML doc comments), the operation id named in
/// its route attribute and, behind a policy, the bearer requirement.
/// </summary>
public static class ApiDocument
{
    public static void Configure(OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Revisions API";
            document.Info.Description = "Every edit to a story is an event: versions, diffs, corrections, public history and evidence. " +
                                        "Calls under /api need a bearer token (see docs/security.md).";
            // HEAD is answered wherever GET is (Http/ApiContract.cs); the GET operation describes both.
            foreach (var path in document.Paths.Values.OfType<OpenApiPathItem>()) path.Operations?.Remove(HttpMethod.Head);
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[Bearer] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http, Scheme = "bearer", BearerFormat = "JWT",
                Description = "A token whose `name` claim names the editor and whose `roles` claim lists their newsroom roles."
            };
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            var method = metadata.OfType<MethodInfo>().FirstOrDefault()
                         ?? metadata.OfType<Wolverine.Http.HttpChain>().FirstOrDefault()?.Method.Method;
            if (method is null) return Task.CompletedTask;
            if (Summaries.Value.TryGetValue(Key(method), out var summary))
            {
                var firstSentence = summary.Split(". ", 2)[0].TrimEnd('.');
                // Wolverine names operations after their route ("POST_api_stories"); the method's own words read better.
                operation.Summary = firstSentence;
                operation.Description = summary;
            }
            var id = method.GetCustomAttributes().Select(a => a.GetType().GetProperty("OperationId")?.GetValue(a) as string)
                .FirstOrDefault(v => !string.IsNullOrEmpty(v));
            if (id is not null) operation.OperationId = id;
            if (method.GetCustomAttribute<Http.TextAnswersAttribute>() is { } text && operation.Responses?.TryGetValue("200", out var ok) == true
                && ok is OpenApiResponse answer)
            {
                answer.Content ??= new Dictionary<string, OpenApiMediaType>();
                foreach (var mediaType in text.MediaTypes) answer.Content[mediaType] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String } };
            }
            // Operations behind a policy need the bearer token; the roles the policy admits are named for people.
            if (metadata.OfType<IAuthorizeData>().FirstOrDefault(a => a.Policy is not null) is { } authorize && metadata.OfType<IAllowAnonymous>().FirstOrDefault() is null)
            {
                operation.Security ??= [];
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Bearer, context.Document)] = [] });
                operation.Description = $"{operation.Description}\n\nNeeds a bearer token with a role the `{authorize.Policy}` policy admits (docs/security.md).".TrimStart();
            }
            return Task.CompletedTask;
        });
    }

    private const string Bearer = "Bearer";

    private static readonly Lazy<Dictionary<string, string>> Summaries = new(Load);

    private static string Key(MethodInfo method) => $"M:{method.DeclaringType!.FullName}.{method.Name}";

    private static Dictionary<string, string> Load()
    {
        var path = Path.ChangeExtension(typeof(ApiDocument).Assembly.Location, ".xml");
        var summaries = new Dictionary<string, string>();
        if (!File.Exists(path)) return summaries;
        foreach (var member in XDocument.Load(path).Descendants("member"))
        {
            var name = member.Attribute("name")?.Value;
            if (name is null || !name.StartsWith("M:", StringComparison.Ordinal)) continue;
            var text = string.Join(" ", (member.Element("summary")?.Nodes().Select(n => n switch
            {
                XText t => t.Value,
                XElement { Name.LocalName: "c" } c => c.Value,
                XElement e when e.Attribute("cref") is { } cref => cref.Value.Split('.').Last(),
                _ => ""
            }) ?? []).Select(s => s.Trim()).Where(s => s.Length > 0));
            // Overloads share a key without their parameters; the first summary wins.
            summaries.TryAdd(name.Split('(')[0], text);
        }
        return summaries;
    }
}
