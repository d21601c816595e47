using Revisions.Diff.Body;
using Revisions.Diff.Text;
using Revisions.Domain.Stories;

namespace Revisions.Diff;

/// <summary>
/// Answers "what exactly changed between these two versions?": field by field, then the body block by block
/// (equal, insert, delete, modify, move), with word-level detail inside changed fields and blocks.
/// </summary>
public static class StoryDiffer
{
    /// <exception cref="DiffTooLargeException">The versions together exceed <see cref="DiffOptions.MaxInputChars"/>.</exception>
    public static StoryDiff Compare(StoryContent from, StoryContent to, DiffOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        options ??= DiffOptions.Default;
        var size = Size(from) + Size(to);
        if (size > options.MaxInputChars) throw new DiffTooLargeException(size, options.MaxInputChars);

        using var ctx = DiffContext.Rent(options);
        List<FieldDiff> fields =
        [
            FieldDiffer.Diff(ctx, StoryContent.Fields.Headline, from.Headline, to.Headline),
            FieldDiffer.Diff(ctx, StoryContent.Fields.ShortHeadline, from.ShortHeadline, to.ShortHeadline),
            FieldDiffer.Diff(ctx, StoryContent.Fields.Standfirst, from.Standfirst, to.Standfirst),
            FieldDiffer.Diff(ctx, StoryContent.Fields.Byline, from.Byline, to.Byline)
        ];
        var body = BodyDiffer.Diff(ctx, from.Body ?? [], to.Body ?? []);

        return new StoryDiff
        {
            Fields = fields,
            Body = body,
            Summary = Summarise(fields, body),
            Degraded = ctx.Degraded,
            DegradedReason = ctx.DegradedReason
        };
    }

    private static long Size(StoryContent content)
    {
        long total = (content.Headline?.Length ?? 0) + (content.ShortHeadline?.Length ?? 0)
                     + (content.Standfirst?.Length ?? 0) + (content.Byline?.Length ?? 0);
        if (content.Body is not null)
            foreach (var block in content.Body) total += block?.Text?.Length ?? 0;
        return total;
    }

    internal static DiffSummary Summarise(IReadOnlyList<FieldDiff> fields, IReadOnlyList<BlockDiff> body)
    {
        int fieldsChanged = 0, added = 0, removed = 0, modified = 0, moved = 0, unchanged = 0, wordsAdded = 0, wordsRemoved = 0;
        foreach (var f in fields)
        {
            if (f.Op != FieldOp.Unchanged) fieldsChanged++;
            switch (f.Op)
            {
                case FieldOp.Added: wordsAdded += Tokenizer.CountWords(f.To); break;
                case FieldOp.Removed: wordsRemoved += Tokenizer.CountWords(f.From); break;
                case FieldOp.Modified: CountWords(f.Words, ref wordsAdded, ref wordsRemoved); break;
            }
        }
        foreach (var b in body)
        {
            switch (b.Op)
            {
                case BlockOp.Equal: unchanged++; break;
                case BlockOp.Insert: added++; wordsAdded += Tokenizer.CountWords(b.ToText); break;
                case BlockOp.Delete: removed++; wordsRemoved += Tokenizer.CountWords(b.FromText); break;
                case BlockOp.Modify: modified++; break;
                case BlockOp.Move: moved++; break;
            }
            if (b.Op is BlockOp.Modify or BlockOp.Move) CountWords(b.Words, ref wordsAdded, ref wordsRemoved);
        }
        return new DiffSummary(fieldsChanged, added, removed, modified, moved, unchanged, wordsAdded, wordsRemoved);
    }

    private static void CountWords(IReadOnlyList<WordOp> words, ref int added, ref int removed)
    {
        foreach (var w in words)
        {
            if (w.Op == WordOpKind.Insert) added += Tokenizer.CountWords(w.Text);
            else if (w.Op == WordOpKind.Delete) removed += Tokenizer.CountWords(w.Text);
        }
    }
}
