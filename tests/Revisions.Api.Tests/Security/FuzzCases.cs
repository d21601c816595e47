using System.Text;

namespace Revisions.Api.Tests.Security;

/// <summary>One request the fuzzer sends. <see cref="MustRefuse"/>: the body is wrong by construction.</summary>
public sealed record FuzzCase(string Kind, string Method, string Path, string ContentType, byte[] Body, bool MustRefuse)
{
    public override string ToString() => $"{Kind}: {Method} {Path} {Encoding.UTF8.GetString(Body[..Math.Min(Body.Length, 200)])}";
}

/// <summary>
/// Requests that must be refused, built from a seed: malformed JSON, wrong types, oversized text, invalid
/// UTF-8, control characters, nesting deeper than allowed, each mixed with script- and SQL-looking text.
/// </summary>
public static class FuzzCases
{
    public static readonly string[] Hostile =
    [
        "<script>alert(1)</script>", "'; DROP TABLE revisions.mt_events; --", "\" OR 1=1 --", "{{7*7}}", "${jndi:ldap://x/a}",
        "../../etc/passwd", "<img src=x onerror=alert(1)>", "\u202Egnp.exe", "Ünïcödé ✓ 🚀", "NULL", "%00%0d%0a", "]]></x>",
        "\\u0000", "SELECT pg_sleep(10);", "<!--", "&lt;b&gt;"
    ];

    public const string Story = "fuzz-target";

    /// <summary>Writes and what each accepts; the story exists at version 1 and stays there.</summary>
    private static readonly (string Method, string Path, string Kind)[] Writes =
    [
        ("POST", "/api/stories", "story"), ("PUT", $"/api/stories/{Story}", "story"), ("POST", $"/api/stories/{Story}/publish", "publish"),
        ("POST", $"/api/stories/{Story}/notes", "note"), ("POST", $"/api/stories/{Story}/restore", "restore"), ("POST", "/api/import", "import"),
    ];

    public static FuzzCase Build(int category, int seed)
    {
        var random = new Random(seed);
        var (method, path, shape) = Writes[random.Next(Writes.Length)];
        var hostile = Hostile[random.Next(Hostile.Length)];
        return category switch
        {
            0 => Case("malformed JSON", method, path, Truncated(Valid(shape, hostile, random), random)),
            1 => Case("garbage", method, path, Encoding.UTF8.GetBytes("x" + Garbage(random, random.Next(0, 300)))),
            2 => Case("wrong type", method, path, Encoding.UTF8.GetBytes(WrongType(shape, hostile, random))),
            3 => Case("huge string", "POST", "/api/stories", Encoding.UTF8.GetBytes(
                $$"""{"headline":"{{Escape(hostile)}}{{new string('h', random.Next(501, 4000))}}","body":[{"type":"paragraph","text":"x"}]}""")),
            4 => Case("invalid UTF-8", method, path, InvalidUtf8(Valid(shape, hostile, random), random)),
            5 => Case("control character", path == "/api/stories" ? "POST" : "PUT", path == "/api/stories" ? path : $"/api/stories/{Story}",
                Encoding.UTF8.GetBytes($$"""{"headline":"{{Escape(hostile)}}\u{{random.Next(1, 9):X4}}","body":[{"type":"paragraph","text":"x"}]}""")),
            _ => Case("deep nesting", method, path, Encoding.UTF8.GetBytes(
                $$"""{"headline":"{{Escape(hostile)}}","body":{{new string('[', random.Next(33, 400))}}""")),
        };

        FuzzCase Case(string kind, string m, string p, byte[] body) =>
            new(kind, m, p, "application/json", body, MustRefuse: true);
    }

    /// <summary>A well-formed body for the endpoint, which the categories above then spoil.</summary>
    private static string Valid(string shape, string hostile, Random random) => shape switch
    {
        "publish" => $$"""{"expectedVersion":1,"note":"{{Escape(hostile)}}"}""",
        "note" => $$"""{"kind":"correction","text":"{{Escape(hostile)}}"}""",
        "restore" => """{"version":1,"expectedVersion":1}""",
        "import" => $$"""{"snapshots":[{"capturedAt":"2025-05-16T09:00:00Z","headline":"{{Escape(hostile)}}","body":["Text."]}]}""",
        _ => $$"""{"headline":"{{Escape(hostile)}} {{random.Next()}}","expectedVersion":1,"body":[{"type":"paragraph","text":"{{Escape(hostile)}}"}]}"""
    };

    private static string WrongType(string shape, string hostile, Random random)
    {
        string[] wrong = ["42", "true", "[1,2]", "{\"a\":1}", "-1e309", "\"" + Escape(hostile) + "\""];
        var value = wrong[random.Next(wrong.Length)];
        return shape switch
        {
            "publish" => $$"""{"expectedVersion":{{(value.StartsWith('"') || value == "true" || value.StartsWith('[') || value.StartsWith('{') ? value : "\"one\"")}}}""",
            "note" => $$"""{"kind":{{(value.StartsWith('"') ? "[1]" : value)}},"text":"x"}""",
            "restore" => $$"""{"version":"{{Escape(hostile)}}","expectedVersion":1}""",
            "import" => $$"""{"snapshots":{{(value.StartsWith('[') ? "7" : value)}}}""",
            _ => random.Next(3) switch
            {
                0 => $$"""{"headline":{{(value.StartsWith('"') ? "[]" : value)}},"body":[]}""",
                1 => $$"""{"headline":"x","expectedVersion":1,"body":{{(value.StartsWith('[') ? "\"p\"" : value)}}}""",
                _ => $$"""{"headline":"x","expectedVersion":1,"body":[{"type":{{(value.StartsWith('"') ? "7" : value)}},"text":"x"}]}"""
            }
        };
    }

    private static byte[] Truncated(string json, Random random) =>
        Encoding.UTF8.GetBytes(json[..random.Next(1, json.Length - 1)]);

    private static byte[] InvalidUtf8(string json, Random random)
    {
        var bytes = Encoding.UTF8.GetBytes(json).ToList();
        byte[][] bad = [[0xFF], [0xC3, 0x28], [0x80], [0xED, 0xA0, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xE2, 0x82]];
        // Inside the first string value, so the JSON is otherwise well-formed.
        var at = json.IndexOf(":\"", StringComparison.Ordinal);
        bytes.InsertRange(at < 0 ? 1 : at + 2, bad[random.Next(bad.Length)]);
        return bytes.ToArray();
    }

    private static string Garbage(Random random, int length)
    {
        var text = new StringBuilder();
        for (var i = 0; i < length; i++) text.Append((char)random.Next(32, 127));
        return text.ToString();
    }

    public static string Escape(string text) => System.Text.Json.JsonEncodedText.Encode(text).ToString();
}
