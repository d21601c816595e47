using System.Text.Json.Nodes;
using Revisions.Domain.Legal;

namespace Revisions.Api.Legal;

/// <summary>
/// Masks erased text in stored JSON (an event's data, a document): inside string values only — never in a
/// property's name, an id, an instant, a hash, or the words that say what a block or a note is — so the JSON
/// keeps its shape, every id still points where it did, and the event still reads as the event it was.
/// </summary>
public static partial class ErasureMask
{
    /// <summary>Values that name what something is rather than say anything: a block's type, a note's kind, a field's name.</summary>
    private static readonly HashSet<string> Structural = new(StringComparer.OrdinalIgnoreCase)
    {
        "type", "kind", "field", "fields", "changedFields", "changes", "status", "rules",
        "textHash", "textHashes", "quoteHashes", "fingerprint", "contentHash", "hash", "previousHash"
    };

    /// <summary>The JSON with every occurrence of <paramref name="text"/> in its text replaced; null when none was found.</summary>
    public static string? Apply(string json, string text)
    {
        var root = JsonNode.Parse(json);
        return root is not null && Mask(root, text, property: null) ? root.ToJsonString() : null;
    }

    private static bool Mask(JsonNode node, string text, string? property)
    {
        var changed = false;
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj.ToList())
                {
                    if (child is JsonValue value && IsText(name, value, out var s) && s.Contains(text, StringComparison.Ordinal))
                    {
                        obj[name] = s.Replace(text, LegalHolds.ErasedMarker, StringComparison.Ordinal);
                        changed = true;
                    }
                    else if (child is not null && child is not JsonValue) changed |= Mask(child, text, name);
                }
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is JsonValue value && IsText(property, value, out var s) && s.Contains(text, StringComparison.Ordinal))
                    {
                        array[i] = s.Replace(text, LegalHolds.ErasedMarker, StringComparison.Ordinal);
                        changed = true;
                    }
                    else if (array[i] is { } child and not JsonValue) changed |= Mask(child, text, property);
                }
                break;
        }
        return changed;
    }

    private static bool IsText(string? property, JsonValue value, out string text)
    {
        text = "";
        if (property is not null && Structural.Contains(property)) return false;
        if (!value.TryGetValue(out string? s) || s is null) return false;
        // Ids and instants (as the serializer writes them: 2025-05-16T09:00:00+00:00) are never text.
        if (Guid.TryParse(s, out _) || Instant().IsMatch(s)) return false;
        text = s;
        return true;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")]
    private static partial System.Text.RegularExpressions.Regex Instant();
}
