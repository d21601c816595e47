using System.Text.Json;
using System.Text.Json.Serialization;

namespace Revisions.Domain.Stories;

/// <summary>One unit of a story's body, in reading order.</summary>
public sealed record Block(BlockType Type, string Text)
{
    public static Block Paragraph(string text) => new(BlockType.Paragraph, text);
    public static Block Subheading(string text) => new(BlockType.Subheading, text);
}

/// <summary>
/// What a block is. There is no zero: a block whose type was never given (the enum's default) is not taken for a
/// paragraph but refused by <see cref="ContentRules"/>, which names the block. Types travel as words, never as
/// these numbers.
/// </summary>
[JsonConverter(typeof(BlockTypeJsonConverter))]
public enum BlockType
{
    Paragraph = 1,
    Subheading = 2
}

/// <summary>
/// Block types travel as lower-case words ("paragraph", "subheading") in the API, the event store and exports;
/// anything else is refused with a message that names the allowed values.
/// </summary>
public sealed class BlockTypeJsonConverter : JsonConverter<BlockType>
{
    public override BlockType Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String && BlockTypes.TryParse(reader.GetString(), out var type))
            return type;
        throw new JsonException("A block's type must be \"paragraph\" or \"subheading\".");
    }

    public override void Write(Utf8JsonWriter writer, BlockType value, JsonSerializerOptions options) =>
        writer.WriteStringValue(BlockTypes.Name(value));
}

public static class BlockTypes
{
    public static string Name(BlockType type) => type switch
    {
        BlockType.Paragraph => "paragraph",
        BlockType.Subheading => "subheading",
        _ => throw new ArgumentOutOfRangeException(nameof(type))
    };

    public static bool TryParse(string? name, out BlockType type)
    {
        switch (name?.Trim().ToLowerInvariant())
        {
            case "paragraph": type = BlockType.Paragraph; return true;
            case "subheading": type = BlockType.Subheading; return true;
            default: type = default; return false;
        }
    }
}
