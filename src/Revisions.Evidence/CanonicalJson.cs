using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Revisions.Evidence;

/// <summary>
/// One byte sequence per JSON value, whoever wrote it: object members sorted by name (ordinal), no
/// insignificant whitespace, strings re-escaped the same way, numbers as written. PostgreSQL's jsonb reorders
/// members and drops whitespace, so a hash over the stored event must be taken over this form.
/// </summary>
/// <remarks>
/// Every save hashes its events in this form, so the usual case is written straight from the document's UTF-8:
/// strings and names without escapes in them, and names of ASCII only, whose byte order is their ordinal order.
/// Anything else takes the general path through .NET strings. Both give the same bytes.
/// </remarks>
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
        var buffer = new ArrayBufferWriter<byte>();
        Canonicalize(element, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes the canonical form of <paramref name="element"/> to <paramref name="buffer"/>.</summary>
    public static void Canonicalize(JsonElement element, IBufferWriter<byte> buffer)
    {
        using var writer = new Utf8JsonWriter(buffer, Options);
        Write(writer, element);
    }

    private static void Write(Utf8JsonWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                WriteObject(writer, element);
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray()) Write(writer, item);
                writer.WriteEndArray();
                break;
            case JsonValueKind.String:
                var raw = JsonMarshal.GetRawUtf8Value(element);
                // Without escapes the text between the quotes is the string itself, escaped again by the writer
                // exactly as the same .NET string would be.
                if (raw.IndexOf((byte)'\\') < 0) writer.WriteStringValue(raw[1..^1]);
                else writer.WriteStringValue(element.GetString());
                break;
            case JsonValueKind.Number:
                writer.WriteRawValue(JsonMarshal.GetRawUtf8Value(element), skipInputValidation: true);
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

    private static void WriteObject(Utf8JsonWriter writer, JsonElement element)
    {
        var count = element.GetPropertyCount();
        var members = ArrayPool<Member>.Shared.Rent(count);
        try
        {
            var plain = true;
            var i = 0;
            foreach (var property in element.EnumerateObject())
            {
                plain = plain && IsPlainAscii(JsonMarshal.GetRawUtf8PropertyName(property));
                members[i] = new Member(property, i++, null);
            }
            // Any other name is compared, and written, as the .NET string it stands for.
            if (!plain)
                for (i = 0; i < count; i++) members[i] = members[i] with { Name = members[i].Property.Name };
            // The position breaks ties, so members with the same name keep their order, as a stable sort would.
            members.AsSpan(0, count).Sort(plain ? ByRawName : ByName);
            writer.WriteStartObject();
            for (i = 0; i < count; i++)
            {
                if (members[i].Name is { } name) writer.WritePropertyName(name);
                else writer.WritePropertyName(JsonMarshal.GetRawUtf8PropertyName(members[i].Property));
                Write(writer, members[i].Property.Value);
            }
            writer.WriteEndObject();
        }
        finally
        {
            ArrayPool<Member>.Shared.Return(members, clearArray: true);
        }
    }

    // ASCII without escapes: the raw bytes are the name, and comparing them byte by byte is the ordinal order.
    private static bool IsPlainAscii(ReadOnlySpan<byte> name) => System.Text.Ascii.IsValid(name) && name.IndexOf((byte)'\\') < 0;

    private readonly record struct Member(JsonProperty Property, int Position, string? Name);

    private static readonly Comparison<Member> ByRawName = (x, y) =>
    {
        var byName = JsonMarshal.GetRawUtf8PropertyName(x.Property).SequenceCompareTo(JsonMarshal.GetRawUtf8PropertyName(y.Property));
        return byName != 0 ? byName : x.Position.CompareTo(y.Position);
    };

    private static readonly Comparison<Member> ByName = (x, y) =>
    {
        var byName = string.CompareOrdinal(x.Name, y.Name);
        return byName != 0 ? byName : x.Position.CompareTo(y.Position);
    };
}
