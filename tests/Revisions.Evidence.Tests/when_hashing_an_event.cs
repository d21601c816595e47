using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using CsCheck;

namespace Revisions.Evidence.Tests;

/// <summary>
/// An event's content hash is taken over its canonical JSON, computed once when the event is saved (from the
/// serializer's bytes) and again whenever the chain is verified (from PostgreSQL's jsonb, which reorders members
/// and drops whitespace). The two must agree byte for byte, for every event ever stored, forever.
/// </summary>
public class when_hashing_an_event
{
    [Fact]
    public void the_canonical_form_sorts_members_by_name_and_keeps_everything_else()
    {
        const string json = """ { "b" : [1, 2.50, -0, 1e5], "a": "x\u00e9\n\"y\"", "B": null, "é": true, "\u0061b": {"z": {}, "y": []} } """;

        Encoding.UTF8.GetString(CanonicalJson.Canonicalize(json))
            .ShouldBe("""{"B":null,"a":"xé\n\"y\"","ab":{"y":[],"z":{}},"b":[1,2.50,-0,1e5],"é":true}""");
    }

    [Fact]
    public void members_sort_in_the_order_of_their_utf16_code_units_not_their_bytes()
    {
        // U+FF21 (Ａ) is one UTF-16 unit above the surrogates of 😀, but its UTF-8 bytes (EF …) sort below 😀's (F0 …).
        // Characters outside the Basic Multilingual Plane are written escaped.
        Encoding.UTF8.GetString(CanonicalJson.Canonicalize("""{"Ａ":1,"😀":2,"a":3}"""))
            .ShouldBe("""{"a":3,"\uD83D\uDE00":2,"Ａ":1}""");
    }

    [Fact]
    public void members_with_the_same_name_keep_their_order()
    {
        Encoding.UTF8.GetString(CanonicalJson.Canonicalize("""{"b":1,"a":2,"b":3,"a":4}"""))
            .ShouldBe("""{"a":2,"a":4,"b":1,"b":3}""");
    }

    [Fact]
    public void the_same_value_written_two_ways_has_one_hash()
    {
        const string compact = """{"headline":"Talks resume","body":[{"type":"paragraph","text":"Ministers \u2014 “met”"}]}""";
        const string spaced = """ { "body" : [ { "text" : "Ministers — \u201cmet\u201d", "type" : "paragraph" } ], "headline" : "Talks resume" } """;

        Chain.ContentHash(compact).ShouldBe(Chain.ContentHash(spaced));
        Chain.ContentHash(Encoding.UTF8.GetBytes(compact)).ShouldBe(Chain.ContentHash(spaced));
    }

    [Fact]
    public void any_json_has_the_canonical_form_of_the_plain_definition()
    {
        Json.Value(4).Sample(json => Encoding.UTF8.GetString(CanonicalJson.Canonicalize(json)).ShouldBe(Reference(json), json), iter: 5_000);
    }

    /// <summary>The definition, written plainly through .NET strings: the form every stored hash was taken over.</summary>
    private static string Reference(string json)
    {
        using var document = JsonDocument.Parse(json, CanonicalJson.DocumentOptions);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            Write(writer, document.RootElement);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);

        static void Write(Utf8JsonWriter writer, JsonElement element)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    writer.WriteStartObject();
                    foreach (var property in element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                    {
                        writer.WritePropertyName(property.Name);
                        Write(writer, property.Value);
                    }
                    writer.WriteEndObject();
                    break;
                case JsonValueKind.Array:
                    writer.WriteStartArray();
                    foreach (var item in element.EnumerateArray()) Write(writer, item);
                    writer.WriteEndArray();
                    break;
                case JsonValueKind.String: writer.WriteStringValue(element.GetString()); break;
                case JsonValueKind.Number: writer.WriteRawValue(element.GetRawText(), skipInputValidation: true); break;
                case JsonValueKind.True: writer.WriteBooleanValue(true); break;
                case JsonValueKind.False: writer.WriteBooleanValue(false); break;
                default: writer.WriteNullValue(); break;
            }
        }
    }

    /// <summary>JSON text as serializers and PostgreSQL write it, and as people do: escapes, any script, odd spacing.</summary>
    private static class Json
    {
        private static readonly Gen<string> Piece = Gen.OneOf(
            Gen.OneOf("a", "Talks ", "z", "Z", "_", "1", "<b>", "&", "'", "é", "東京", "😀", "Ａ", "\u2028", "\u00a0", "\u007f", "\ufffd", "\uffff"),
            Gen.OneOf("\\n", "\\t", "\\\"", "\\\\", "\\/", "\\u00e9", "\\u0041", "\\ud83d\\ude00", "\\u2028", "\\u0000", "\\u001f", "\\uFF21"));

        private static readonly Gen<string> Text = Piece.Array[0, 6].Select(p => "\"" + string.Concat(p) + "\"");

        private static readonly Gen<string> Number = Gen.OneOf("0", "-0", "1", "2.50", "1e5", "-1.5E-3", "12345678901234567890123", "0.1");

        private static readonly Gen<string> Space = Gen.OneOf("", "", " ", "\n  ");

        private static readonly Gen<string> Scalar = Gen.OneOf(Text, Text, Number, Gen.OneOf("true", "false", "null"));

        public static Gen<string> Value(int depth) =>
            depth == 0 ? Scalar : Gen.Frequency((3, Scalar), (1, Array(depth)), (1, Object(depth)));

        private static Gen<string> Array(int depth) =>
            Gen.Select(Value(depth - 1).Array[0, 4], Space, (items, s) => "[" + s + string.Join("," + s, items) + "]");

        // Few names, so objects often hold the same name twice (also written once plain and once escaped), and
        // names whose UTF-8 bytes sort otherwise than their UTF-16 units.
        private static readonly Gen<string> Name = Gen.OneOf(Text,
            Gen.OneOf("\"a\"", "\"b\"", "\"B\"", "\"é\"", "\"\\u00e9\"", "\"Ａ\"", "\"😀\"", "\"\\ud83d\\ude00\"", "\"a😀\"", "\"aＡ\""));

        private static Gen<string> Object(int depth) =>
            Gen.Select(Gen.Select(Name, Value(depth - 1)).Array[0, 5], Space,
                (members, s) => "{" + s + string.Join("," + s, members.Select(m => m.Item1 + s + ":" + m.Item2)) + "}");
    }
}
