namespace Revisions.Domain.Stories;

/// <summary>
/// How large one story may be. The defaults are far above any real article (a long read is ~10,000 words)
/// yet small enough that one save, one version read or one diff stays cheap.
/// </summary>
public sealed record ContentLimits
{
    public int MaxHeadlineLength { get; init; } = 500;
    public int MaxFieldLength { get; init; } = 5_000;
    public int MaxBlocks { get; init; } = 2_000;
    public int MaxBlockLength { get; init; } = 20_000;
    public int MaxTotalLength { get; init; } = 1_000_000;

    public static ContentLimits Default { get; } = new();
}

/// <summary>A reason a save was refused. Oversize problems answer 413, the rest 400.</summary>
public sealed record ContentProblem(string Field, string Message, bool Oversize = false);

public static class ContentRules
{
    public static IReadOnlyList<ContentProblem> Check(StoryContent? content, ContentLimits limits)
    {
        var problems = new List<ContentProblem>();
        if (content is null)
        {
            problems.Add(new("body", "The request has no story content."));
            return problems;
        }

        if (string.IsNullOrWhiteSpace(content.Headline))
            problems.Add(new(StoryContent.Fields.Headline, "A story needs a headline."));
        else if (content.Headline.Length > limits.MaxHeadlineLength)
            problems.Add(new(StoryContent.Fields.Headline, $"The headline is longer than {limits.MaxHeadlineLength} characters.", true));
        else if (!TextRules.HasVisibleCharacter(content.Headline))
            problems.Add(new(StoryContent.Fields.Headline, "A story needs a headline: this one has no visible character, only spaces or invisible ones."));

        CheckField(problems, StoryContent.Fields.ShortHeadline, content.ShortHeadline, limits.MaxHeadlineLength);
        CheckField(problems, StoryContent.Fields.Standfirst, content.Standfirst, limits.MaxFieldLength);
        CheckField(problems, StoryContent.Fields.Byline, content.Byline, limits.MaxFieldLength);
        CheckText(problems, StoryContent.Fields.Headline, content.Headline);
        CheckTitle(problems, StoryContent.Fields.Headline, content.Headline);
        CheckTitle(problems, StoryContent.Fields.ShortHeadline, content.ShortHeadline);

        if (content.Body is null)
        {
            problems.Add(new(StoryContent.Fields.Body, "The body must be a list of blocks (it may be empty)."));
            return problems;
        }

        if (content.Body.Count > limits.MaxBlocks)
            problems.Add(new(StoryContent.Fields.Body, $"The body has {content.Body.Count} blocks; at most {limits.MaxBlocks} are allowed.", true));

        long total = (content.Headline?.Length ?? 0) + (content.ShortHeadline?.Length ?? 0)
                     + (content.Standfirst?.Length ?? 0) + (content.Byline?.Length ?? 0);
        for (var i = 0; i < content.Body.Count; i++)
        {
            var block = content.Body[i];
            if (block is null)
            {
                problems.Add(new(BlockField(i, ""), "A block cannot be null."));
                continue;
            }
            if (block.Type == default)
                problems.Add(new(BlockField(i, "type"), "The block has no type; give \"type\": \"paragraph\" or \"subheading\"."));
            else if (!Enum.IsDefined(block.Type))
                problems.Add(new(BlockField(i, "type"), "A block's type must be \"paragraph\" or \"subheading\"."));
            if (!TextRules.HasVisibleCharacter(block.Text))
                problems.Add(new(BlockField(i, "text"), "A block needs some text a reader can see; remove empty blocks."));
            else if (block.Text.Length > limits.MaxBlockLength)
                problems.Add(new(BlockField(i, "text"), $"The block is longer than {limits.MaxBlockLength} characters.", true));
            else if (TextRules.InvalidCharacterAt(block.Text) is >= 0 and var at)
                problems.Add(TextProblem(BlockField(i, "text"), block.Text, at));
            total += block.Text?.Length ?? 0;
        }

        if (total > limits.MaxTotalLength)
            problems.Add(new(StoryContent.Fields.Body, $"The story is longer than {limits.MaxTotalLength} characters in all.", true));
        return problems;
    }

    // Every save checks every block: a block's field name is written only for a problem found in it.
    private static string BlockField(int i, string member) => member.Length == 0 ? $"body[{i}]" : $"body[{i}].{member}";

    private static void CheckField(List<ContentProblem> problems, string field, string? value, int max)
    {
        if (value is null) return;
        if (value.Length > max)
            problems.Add(new(field, $"The {field} is longer than {max} characters.", true));
        else
            CheckText(problems, field, value);
    }

    private static void CheckText(List<ContentProblem> problems, string field, string? text)
    {
        if (text is not null && TextRules.InvalidCharacterAt(text) is >= 0 and var at) problems.Add(TextProblem(field, text, at));
    }

    private static ContentProblem TextProblem(string field, string text, int at) =>
        char.IsSurrogate(text[at])
            ? new(field, $"The {field} contains invalid text (a broken character) at position {at}.")
            : new(field, $"The {field} contains a control character (U+{(int)text[at]:X4}) at position {at}.");

    /// <summary>A headline is shown on its own — in lists, feeds, tabs — where a bidirectional control can make it read as something else.</summary>
    private static void CheckTitle(List<ContentProblem> problems, string field, string? text)
    {
        if (text is null) return;
        var at = TextRules.BidiControlAt(text);
        if (at < 0) return;
        problems.Add(new(field, $"The {field} contains a bidirectional control character (U+{(int)text[at]:X4}) at position {at}; "
                                + "it can make the headline read differently from what is stored."));
    }
}
