using System.Text.Json;
using Revisions.Domain.Stories;

namespace Revisions.Import;

/// <summary>Maps one JSON story object to a draft, refusing anything the API would not accept as a save.</summary>
internal static class JsonStoryMapper
{
    public static Draft Map(string file, int line, JsonElement element)
    {
        ImportException Fail(string message) => new(file, line, message);

        if (element.ValueKind != JsonValueKind.Object)
            throw Fail("Each snapshot must be a JSON object with a headline and a body.");

        DateTimeOffset? capturedAt = null;
        if (TryGet(element, "capturedAt", Fail, out var time) && time.ValueKind != JsonValueKind.Null)
        {
            if (time.ValueKind != JsonValueKind.String || !CaptureTimes.TryParse(time.GetString(), out var at))
                throw Fail($"capturedAt must be an ISO-8601 time with a zone, e.g. \"2025-05-16T09:00:00Z\"; found {time.GetRawText()}.");
            capturedAt = at;
        }

        // Archives sometimes wrap the story: { "capturedAt": …, "content": { "headline": … } }.
        var story = element;
        if (!TryGet(element, StoryContent.Fields.Headline, Fail, out _) && TryGet(element, "content", Fail, out var inner) && inner.ValueKind == JsonValueKind.Object)
            story = inner;

        if (!TryGet(story, StoryContent.Fields.Headline, Fail, out var headlineValue) || headlineValue.ValueKind == JsonValueKind.Null)
            throw Fail("The snapshot has no headline.");
        var headline = Text(headlineValue, StoryContent.Fields.Headline, Fail);
        if (string.IsNullOrWhiteSpace(headline))
            throw Fail("The snapshot's headline is empty.");

        if (!TryGet(story, StoryContent.Fields.Body, Fail, out var bodyValue) || bodyValue.ValueKind != JsonValueKind.Array)
            throw Fail("The snapshot has no body: \"body\" must be a list of blocks or strings (it may be empty).");

        var body = new List<Block>();
        foreach (var item in bodyValue.EnumerateArray())
            body.Add(ToBlock(item, $"body[{body.Count}]", Fail));

        var content = new StoryContent(
            headline,
            Optional(story, StoryContent.Fields.ShortHeadline, Fail),
            Optional(story, StoryContent.Fields.Standfirst, Fail),
            Optional(story, StoryContent.Fields.Byline, Fail),
            body);
        return new Draft(content, capturedAt, line, new Dictionary<string, int>());
    }

    // A bare string is a paragraph: callers that send strings have no subheadings to declare, and guessing
    // from the text would silently retype blocks that a CMS already classified.
    private static Block ToBlock(JsonElement item, string field, Func<string, ImportException> fail)
    {
        if (item.ValueKind == JsonValueKind.String)
            return Block.Paragraph(item.GetString()!);
        if (item.ValueKind != JsonValueKind.Object)
            throw fail($"{field} must be a string or an object {{\"type\": \"paragraph\", \"text\": \"…\"}}.");

        var type = BlockType.Paragraph;
        if (TryGet(item, "type", fail, out var typeValue) && typeValue.ValueKind != JsonValueKind.Null
            && !(typeValue.ValueKind == JsonValueKind.String && BlockTypes.TryParse(typeValue.GetString(), out type)))
            throw fail($"{field}.type must be \"paragraph\" or \"subheading\"; found {typeValue.GetRawText()}.");
        if (!TryGet(item, "text", fail, out var textValue) || textValue.ValueKind != JsonValueKind.String)
            throw fail($"{field}.text must be a string.");
        return new Block(type, textValue.GetString()!);
    }

    private static string? Optional(JsonElement story, string name, Func<string, ImportException> fail) =>
        TryGet(story, name, fail, out var value) && value.ValueKind != JsonValueKind.Null ? Text(value, name, fail) : null;

    private static string Text(JsonElement value, string name, Func<string, ImportException> fail) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()! : throw fail($"{name} must be a string; found {value.ValueKind.ToString().ToLowerInvariant()}.");

    // Exports from other systems differ in capitalisation (Headline, HEADLINE); the names themselves are fixed.
    // A name given twice is refused: which of the two values the archive meant cannot be known.
    private static bool TryGet(JsonElement obj, string name, Func<string, ImportException> fail, out JsonElement value)
    {
        var found = false;
        value = default;
        foreach (var property in obj.EnumerateObject())
        {
            if (!string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase)) continue;
            if (found) throw fail($"\"{property.Name}\" is given twice; give it once.");
            value = property.Value;
            found = true;
        }
        return found;
    }
}
