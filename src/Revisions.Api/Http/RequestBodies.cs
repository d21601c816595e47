using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using JasperFx;
using JasperFx.CodeGeneration;
using JasperFx.CodeGeneration.Frames;
using Microsoft.AspNetCore.Mvc;
using Revisions.Domain.Stories;
using Wolverine.Http;

namespace Revisions.Api.Http;

/// <summary>
/// Checks every JSON body before the endpoint's own <c>Validate</c> method runs, so that no endpoint has to
/// expect what it refuses: a body of <c>null</c> (valid JSON, which Wolverine hands on as a null command), and text
/// with a control character in any member (a NUL cannot even be stored: PostgreSQL refuses it in JSON).
/// </summary>
public sealed class RequestBodies : IHttpPolicy
{
    public void Apply(IReadOnlyList<HttpChain> chains, GenerationRules rules, IServiceContainer container)
    {
        foreach (var chain in chains.Where(c => c.RequestType is { IsValueType: false }))
        {
            var check = new MethodCall(typeof(RequestBodies), typeof(RequestBodies).GetMethod(nameof(Check))!.MakeGenericMethod(chain.RequestType!))
            {
                CommentText = "A body must be there, and its text be text"
            };
            // Wolverine ends the request with the ProblemDetails a middleware returns, unless it is NoProblems.
            chain.Middleware.Insert(0, check);
        }
    }

    public static ProblemDetails Check<T>(T? body) where T : class
    {
        if (body is null)
            return Problems.BadRequest("The request has no body",
                $"Send a JSON object ({typeof(T).Name}); /openapi/v1.json describes its members.").ProblemDetails;
        if (InvalidText(body, 0) is { } problem)
            return TypedResults.Problem(statusCode: 400, title: "The request contains invalid text", detail: problem.Message,
                extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [problem.Field] = [problem.Message] } }).ProblemDetails;
        return WolverineContinue.NoProblems;
    }

    /// <summary>
    /// The first text member, at any depth, with a control character other than tab and line breaks. Every body of
    /// every save passes through here, so a member's path is written only for the member found, on the way back up.
    /// </summary>
    private static ContentProblem? InvalidText(object value, int depth) =>
        Find(value, depth) is { } found
            ? new(found.Path, $"\"{found.Path}\" contains a control character (U+{(int)found.Character:X4}) at position {found.Position}; text may hold tabs and line breaks, but no other control characters.")
            : null;

    private sealed record Found(string Path, char Character, int Position);

    private static Found? Find(object value, int depth)
    {
        switch (value)
        {
            case string text:
                var at = TextRules.InvalidCharacterAt(text);
                return at < 0 ? null : new Found("", text[at], at);
            case IEnumerable items:
                var i = 0;
                foreach (var item in items)
                {
                    if (item is not null && Find(item, depth + 1) is { } found) return found with { Path = Under($"[{i}]", found.Path) };
                    i++;
                }
                return null;
            default:
                if (depth > 8 || !value.GetType().IsClass) return null;
                foreach (var property in TextHolders(value.GetType()))
                    if (property.GetValue(value) is { } member && Find(member, depth + 1) is { } found)
                        return found with { Path = Under(JsonNamingPolicy.CamelCase.ConvertName(property.Name), found.Path) };
                return null;
        }
    }

    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> Holders = new();

    /// <summary>The members of a request's own types that hold text or more members; the framework's types hold none of the client's text.</summary>
    private static PropertyInfo[] TextHolders(Type type) =>
        Holders.GetOrAdd(type, t => t.Namespace?.StartsWith("Revisions.", StringComparison.Ordinal) != true ? []
            : t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.GetIndexParameters().Length == 0 && !p.PropertyType.IsValueType)
                .ToArray());

    /// <summary>A member's path under its parent's: <c>body</c> and <c>[2].text</c> make <c>body[2].text</c>.</summary>
    private static string Under(string parent, string path) =>
        path.Length == 0 ? parent : path[0] == '[' ? parent + path : $"{parent}.{path}";
}
