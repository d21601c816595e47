using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Revisions.Api.Tests.Security;

/// <summary>One request of the walk: the operation it probes, what is wrong with it, and the request itself.</summary>
public sealed record Probe(string Operation, string What, string Method, string Url, byte[]? Body, string? ContentType,
    IReadOnlyList<(string Name, string Value)> Headers)
{
    public override string ToString() => $"{Operation} · {What}";
}

/// <summary>
/// An operation to walk: its method, route, parameters and, when it takes one, the JSON schema of its body
/// (from /openapi/v1.json, or none for the reader's routes the document leaves out).
/// </summary>
public sealed record Operation(string Method, string Route, IReadOnlyList<string> PathParameters, IReadOnlyList<string> QueryParameters,
    JsonElement? BodySchema, bool TakesBody)
{
    public override string ToString() => $"{Method} {Route}";

    /// <summary>The route with its parameters filled in, each by <paramref name="value"/> (already escaped for a URL).</summary>
    public string Url(Func<string, string> value) => Regex.Replace(Route, @"\{\*{0,2}([^}:=?]+)[^}]*\}", m => value(m.Groups[1].Value));
}

/// <summary>
/// The bad inputs every operation is sent: its body as <c>null</c>, other JSON values, wrong types for each
/// property, huge numbers, broken JSON, invalid UTF-8, duplicate keys and other content types; bad ids,
/// versions and instants in its route and query; bad If-Match, Idempotency-Key, Accept and Authorization
/// headers; and methods it does not answer. Each is otherwise a plausible request, so the bad part is what
/// the API meets.
/// </summary>
public static class OperationWalk
{
    /// <summary>Every operation of the document and every other route the app serves (reader pages, assets, health).</summary>
    public static List<Operation> Operations(JsonElement document, IEnumerable<Endpoint> served)
    {
        var operations = new List<Operation>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        foreach (var operation in path.Value.EnumerateObject())
        {
            var parameters = operation.Value.TryGetProperty("parameters", out var p) ? p.EnumerateArray().ToList() : [];
            var body = operation.Value.TryGetProperty("requestBody", out var b) ? b.GetProperty("content").EnumerateObject().First().Value.GetProperty("schema") : (JsonElement?)null;
            var method = operation.Name.ToUpperInvariant();
            operations.Add(new Operation(method, path.Name,
                parameters.Where(x => x.GetProperty("in").GetString() == "path").Select(x => x.GetProperty("name").GetString()!).ToList(),
                parameters.Where(x => x.GetProperty("in").GetString() == "query").Select(x => x.GetProperty("name").GetString()!).ToList(),
                body, TakesBody: method is "POST" or "PUT"));
        }
        foreach (var endpoint in served.Where(e => !operations.Any(o => o.Method == e.Method && Same(o.Route, e.Route))))
        {
            var names = Regex.Matches(endpoint.Route, @"\{\*{0,2}([^}:=?]+)[^}]*\}").Select(m => m.Groups[1].Value).ToList();
            var queries = endpoint.Route.StartsWith("/stories/", StringComparison.Ordinal) ? UsualQueries : [];
            operations.Add(new Operation(endpoint.Method, endpoint.Route, names, queries, null, endpoint.Method is "POST" or "PUT"));
        }
        return operations;
    }

    private static bool Same(string documented, string served) =>
        Regex.Replace(documented, @"\{([^}:]+)[^}]*\}", "{$1}") == Regex.Replace(served, @"\{([^}:]+)[^}]*\}", "{$1}");

    /// <summary>Query names the reader's pages read (the document does not list their parameters).</summary>
    private static readonly string[] UsualQueries = ["from", "to", "asOf", "format", "view", "since"];

    /// <summary>
    /// Raw path segments: escapes are sent as written. An encoded NUL (%00) never reaches the app: the web
    /// server refuses it, and the in-memory test server cannot send it (when_the_web_server_refuses_a_request).
    /// </summary>
    private static readonly string[] BadIds =
    [
        "not%20a%20slug!", new('a', 1_000), new('b', 5_000), "%FF%FE", "%E2%80%AE%E2%80%8B", "..%2F..%2Fetc%2Fpasswd",
        "%20", "%E6%9D%B1%E4%BA%AC", "0", "-1", "2147483648", "abc", "00000000-0000-0000-0000-000000000000",
        "1f8d5cbd-0c4f-4a41-9d36-2d4f7d3a9c0e", "'%3B%20drop%20table%20x%20--", "%C0%AE", "%25", "%7Bid%7D", "null", "%EF%BB%BF",
        "UPPER-CASE-SLUG", "a..b", "-", "--", "%0D%0ALocation:%20x"
    ];

    private static readonly string[] BadVersions = ["0", "-1", "2147483648", "99999999999999999999", "abc", "1.5", "1e3", "+1", "0x10", "%EF%BC%91"];

    /// <summary>Query values, escaped.</summary>
    private static readonly string[] BadQueryValues =
    [
        "", "abc", "-1", "0", "2147483648", "1e309", "2025-13-45T99:99:99Z", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59.9999999Z",
        "%2B275760-09-13T00:00:00Z", "-000001-01-01T00:00:00Z", "yesterday", "2025-05-16T14:05:00%2B99:00", "2025-05-16", new('9', 5_000),
        "%00", "%FF", "published", "latest", "%E2%80%AE", "true", "%5B%5D"
    ];

    private static readonly string[] BadIfMatch =
    [
        "W/\"1\"", "garbage", "\"1\", \"2\"", "*", "\"0\"", "\"-1\"", "\"2147483648\"", "\"\"", "\"abc\"", "\"1", "\"\"\"", "1", "W/", "\"1\" junk"
    ];

    private static readonly (string Name, string Value)[] BadHeaders =
    [
        ("Idempotency-Key", new string('k', 300)), ("Idempotency-Key", "ключ"), ("Idempotency-Key", "a b"), ("Idempotency-Key", ""),
        ("Accept", "application/xml"), ("Accept", "text/html"), ("Accept", "*/*;q=abc"), ("Accept", "garbage"),
        ("Accept-Datetime", "yesterday"), ("Accept-Datetime", "Fri, 99 Foo 2025 99:99:99 GMT"), ("If-None-Match", "garbage"),
        ("If-None-Match", "W/\"x\", *"), ("If-Modified-Since", "not a date"), ("Range", "bytes=9-1"), ("Authorization", "Bearer junk"),
        ("Authorization", "Basic Zm9vOmJhcg=="), ("Authorization", "Bearer " + new string('x', 10_000)), ("Content-Language", "%%%"),
        ("X-Forwarded-For", "not an address"), ("Origin", "null")
    ];

    private static readonly string[] OtherMethods = ["DELETE", "PATCH", "PUT", "POST", "OPTIONS", "TRACE", "FOO"];

    /// <summary>Whole bodies that are not the object the operation reads.</summary>
    private static readonly (string What, byte[] Body)[] BadBodies =
    [
        ("null", U("null")), ("an array", U("[]")), ("an array of objects", U("[{}]")), ("a string", U("\"text\"")), ("a number", U("42")),
        ("true", U("true")), ("nothing", []), ("whitespace", U("  \n ")), ("an open brace", U("{")), ("trailing garbage", U("{}garbage")),
        ("two objects", U("{}{}")), ("a comment", U("/* x */ {}")), ("a trailing comma", U("{\"a\":1,}")), ("single quotes", U("{'a':1}")),
        ("NaN", U("{\"a\":NaN}")), ("a byte-order mark", [0xEF, 0xBB, 0xBF, .. U("{}")]), ("UTF-16", Encoding.Unicode.GetBytes("{}")),
        ("invalid UTF-8", [.. U("{\"a\":\""), 0xFF, 0xC3, 0x28, .. U("\"}")]), ("a lone surrogate escape", U("{\"a\":\"\\ud800\"}")),
        ("deep nesting", U(new string('[', 40) + new string(']', 40))), ("deep objects", U(string.Concat(Enumerable.Repeat("{\"a\":", 40)) + "1" + new string('}', 40))),
        ("a NUL byte", U("{\"a\":\"\0\"}")), ("a huge number", U("1" + new string('0', 400)))
    ];

    /// <summary>Values put in place of each property of an otherwise plausible body.</summary>
    private static readonly string[] BadValues =
    [
        "null", "0", "-1", "2147483648", "-2147483649", "9223372036854775808", "1e309", "-1e309", "1.5", "\"abc\"", "\"\"", "\"  \"", "true",
        "[]", "{}", "[null]", "[{}]", "[1]", "[\"x\"]", "\"" + new string('x', 10_000) + "\"", "\"\\u0000\"", "\"\\ud800\"", "\"\\u202e\"",
        "\"\\ufeff\"", "\"\\u200b\"", "\"2025-13-45T99:99:99Z\"", "\"00000000-0000-0000-0000-000000000000\"", "\"-1\"", "\"2147483648\""
    ];

    /// <summary>Blocks in place of a story's body.</summary>
    private static readonly string[] BadBlocks =
    [
        "[{}]", "[{\"type\":\"paragraph\"}]", "[{\"text\":\"x\"}]", "[{\"type\":null,\"text\":\"x\"}]", "[{\"type\":7,\"text\":\"x\"}]",
        "[{\"type\":\"table\",\"text\":\"x\"}]", "[{\"type\":\"paragraph\",\"text\":7}]", "[{\"type\":\"paragraph\",\"text\":null}]",
        "[{\"type\":\"paragraph\",\"text\":\"x\",\"type\":\"subheading\"}]", "[null]", "[\"x\"]", "[[1]]", "[{\"type\":[],\"text\":{}}]",
        "[{\"type\":\"paragraph\",\"text\":\"\\ufeff\"}]", "[{\"type\":\"PARAGRAPH\",\"text\":\"x\"}]", "[{\"type\":\"0\",\"text\":\"x\"}]"
    ];

    /// <summary>Bodies for the one write the document gives no schema (it reads JSON or a capture file itself).</summary>
    private static readonly Dictionary<string, string[]> OwnBodies = new()
    {
        ["/api/import"] =
        [
            """{"snapshots":[{"capturedAt":"2025-13-45T99:99:99Z","headline":"x","body":[]}]}""",
            """{"snapshots":[{"capturedAt":"yesterday","headline":"x","body":[]}]}""",
            """{"snapshots":[{"capturedAt":1e309,"headline":"x","body":[]}]}""",
            """{"snapshots":[{"capturedAt":"0001-01-01T00:00:00Z","headline":"x","body":[]}]}""",
            """{"snapshots":[{"capturedAt":"9999-12-31T23:59:59Z","headline":"x","body":[]}]}""",
            """{"snapshots":[{"capturedAt":"2025-05-16T09:00:00","headline":"x","body":[]}]}""",
            """{"snapshots":[{"headline":"\ufeff","body":[]}]}""",
            """{"snapshots":[{"headline":"a\u202eb","body":[]}]}""",
            """{"snapshots":[{"headline":"x","body":[{"text":"y"}]}]}""",
            """{"snapshots":[{"headline":"a\u0000b","body":[]}]}""",
            """{"snapshots":[null]}""", """{"snapshots":[[]]}""", """{"snapshots":{}}""", """{"snapshots":[],"story":"x"}""",
            """{"snapshots":[{"headline":"x","body":[]}],"story":"x","story":"y"}""",
            """{"snapshots":[{"headline":"x","body":[]}],"slug":"Not A Slug!"}""",
            """{"snapshots":[{"headline":"x","body":[]}],"source":""}""",
        ]
    };

    private static readonly string?[] OtherContentTypes =
    [
        null, "text/plain", "application/xml", "application/json; charset=utf-16", "application/json; charset=latin1",
        "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "application/merge-patch+json", "garbage", "*/*", "text/json"
    ];

    /// <summary>Every probe of one operation; <paramref name="real"/> gives route values that name real things.</summary>
    public static IEnumerable<Probe> Probes(Operation operation, Func<string, string> real, JsonElement components)
    {
        var name = operation.ToString();
        var url = operation.Url(real);
        var plausible = operation.BodySchema is { } schema ? U(Plausible(schema, components, "", depth: 0)) : operation.TakesBody ? U("{}") : null;
        Probe Make(string what, string? at = null, byte[]? body = null, string? contentType = "application/json", string method = "", params (string, string)[] headers) =>
            new(name, what, method.Length > 0 ? method : operation.Method, at ?? url, body ?? plausible, body is null && plausible is null ? null : contentType,
                headers.Length > 0 ? headers : [("If-Match", "\"1\"")]);

        yield return Make("as it should be");

        foreach (var parameter in operation.PathParameters)
        foreach (var value in parameter is "n" or "version" ? [.. BadVersions, .. BadIds.Take(6)] : BadIds)
            yield return Make($"{parameter} = {Short(value)}", operation.Url(p => p == parameter ? value : real(p)));

        foreach (var query in operation.QueryParameters)
        {
            foreach (var value in BadQueryValues)
                yield return Make($"?{query}={Short(value)}", $"{url}?{query}={value}");
            yield return Make($"?{query} twice", $"{url}?{query}=1&{query}=2");
            yield return Make($"?{query} without a value", $"{url}?{query}");
        }
        yield return Make("an unknown query", $"{url}?{Uri.EscapeDataString("<x>")}=%FF&%00=1&=&&");

        foreach (var tag in BadIfMatch)
            yield return Make($"If-Match: {tag}", headers: ("If-Match", tag));
        yield return Make("two If-Match headers", headers: [("If-Match", "\"1\""), ("If-Match", "\"2\"")]);
        foreach (var (header, value) in BadHeaders)
            yield return Make($"{header}: {Short(value)}", headers: [("If-Match", "\"1\""), (header, value)]);
        yield return Make("two Idempotency-Keys", headers: [("If-Match", "\"1\""), ("Idempotency-Key", "a"), ("Idempotency-Key", "b")]);

        foreach (var method in OtherMethods.Where(m => m != operation.Method))
            yield return Make($"method {method}", method: method);

        if (!operation.TakesBody) yield break;

        foreach (var (what, body) in BadBodies)
            yield return Make($"a body of {what}", body: body);
        foreach (var contentType in OtherContentTypes)
            yield return Make($"Content-Type: {contentType ?? "none"}", contentType: contentType);
        foreach (var body in OwnBodies.GetValueOrDefault(operation.Route, []))
            yield return Make($"a body of {Short(body)}", body: U(body));
        if (operation.BodySchema is not { } bodySchema) yield break;

        var properties = Properties(bodySchema, components).ToList();
        if (properties.Count > 0)
            yield return Make($"{properties[0].Name} twice", body: U(Plausible(bodySchema, components, "", 0).TrimEnd('}') + $",\"{properties[0].Name}\":{Plausible(properties[0].Schema, components, properties[0].Name, 1)}}}"));
        foreach (var (property, propertySchema) in properties)
        {
            var values = property == "body" ? [.. BadValues, .. BadBlocks] : BadValues;
            foreach (var value in values)
                yield return Make($"{property} = {Short(value)}", body: U(WithProperty(bodySchema, components, property, value)));
            foreach (var (inner, _) in Properties(propertySchema, components))
            foreach (var value in BadValues.Take(16))
                yield return Make($"{property}.{inner} = {Short(value)}",
                    body: U(WithProperty(bodySchema, components, property, WithProperty(propertySchema, components, inner, value))));
        }
    }

    /// <summary>A body the operation would accept, or nearly: sensible values by property name.</summary>
    private static string Plausible(JsonElement schema, JsonElement components, string name, int depth)
    {
        schema = Resolve(schema, components);
        if (depth > 4) return "null";
        if (schema.TryGetProperty("enum", out var choices)) return JsonSerializer.Serialize(choices[0].GetString());
        var type = Types(schema);
        if (type.Contains("object") || schema.TryGetProperty("properties", out _))
            return "{" + string.Join(",", Properties(schema, components).Select(p => $"\"{p.Name}\":{Plausible(p.Schema, components, p.Name, depth + 1)}")) + "}";
        if (type.Contains("array"))
            return "[" + Plausible(schema.GetProperty("items"), components, name, depth + 1) + "]";
        // A redaction takes a block or a field or a note, one at a time: the field it is.
        if (type.Contains("integer")) return name is "block" ? "null" : "1";
        if (type.Contains("boolean")) return "false";
        if (schema.TryGetProperty("format", out var format) && format.GetString() == "uuid") return "null";
        return name switch
        {
            "slug" => "null",
            "kind" or "noteKind" => "\"correction\"",
            "field" => "\"headline\"",
            "format" => "\"json\"",
            "ignore" => "null",
            "headline" => "\"Walked headline\"",
            _ => "\"Walked " + name + "\""
        };
    }

    private static string WithProperty(JsonElement schema, JsonElement components, string property, string value) =>
        "{" + string.Join(",", Properties(schema, components).Select(p =>
            $"\"{p.Name}\":{(p.Name == property ? value : Plausible(p.Schema, components, p.Name, 1))}")) + "}";

    private static IEnumerable<(string Name, JsonElement Schema)> Properties(JsonElement schema, JsonElement components)
    {
        schema = Resolve(schema, components);
        return schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("properties", out var properties)
            ? properties.EnumerateObject().Select(p => (p.Name, p.Value))
            : [];
    }

    /// <summary>Follows a $ref, and the non-null branch of a nullable oneOf.</summary>
    private static JsonElement Resolve(JsonElement schema, JsonElement components)
    {
        if (schema.TryGetProperty("$ref", out var reference))
            return Resolve(components.GetProperty("schemas").GetProperty(reference.GetString()!.Split('/')[^1]), components);
        if (schema.TryGetProperty("oneOf", out var oneOf) || schema.TryGetProperty("anyOf", out oneOf))
            foreach (var branch in oneOf.EnumerateArray())
                if (!Types(branch).SequenceEqual(["null"])) return Resolve(branch, components);
        return schema;
    }

    private static string[] Types(JsonElement schema) =>
        !schema.TryGetProperty("type", out var type) ? []
        : type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!).ToArray()
        : [type.GetString()!];

    private static byte[] U(string text) => Encoding.UTF8.GetBytes(text);

    private static string Short(string text) => text.Length <= 40 ? text : $"{text[..20]}… ({text.Length} characters)";
}
