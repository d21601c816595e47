using System.Text.Encodings.Web;
using System.Text.Json;

namespace Revisions.Evidence;

/// <summary>
/// One byte sequence per JSON value, whoever wrote it: object members sorted by name (ordinal), no
/// insignificant whitespace, strings re-escaped the same way, numbers as written. PostgreSQL's jsonb reorders
/// members and drops whitespace, so a hash over the stored event must be taken over this form.
/// </summary>
public static class CanonicalJson
{
    private static readonly JsonWriterOptions Options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
        SkipValidation = false
    };

    public static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 256 };

    public static byte[] Canonicalize(string json)
    {
        using var document = JsonDocument.Parse(json, DocumentOptions);
        return Canonicalize(document.RootElement);
    }

    public static byte[] Canonicalize(JsonElement element)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        Canonicalize(element, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes the canonical form of <paramref name="element"/> to <paramref name="buffer"/>.</summary>
    public static void Canonicalize(JsonElement element, System.Buffers.IBufferWriter<byte> buffer)
    {
        using var writer = new Utf8JsonWriter(buffer, Options);
        Write(writer, element);
    }

    private static void Write(Utf8JsonWriter writer, JsonElement element)
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
            case JsonValueKind.String:
                writer.WriteStringValue(element.GetString());
                break;
            case JsonValueKind.Number:
                writer.WriteRawValue(element.GetRawText(), skipInputValidation: true);
                break;
            case JsonValueKind.True:
                writer.WriteBooleanValue(true);
                break;
            case JsonValueKind.False:
                writer.WriteBooleanValue(false);
                break;
            default:
                writer.WriteNullValue();
                break;
        }
    }
}
