namespace Revisions.Diff;

/// <summary>Compares one single-value field. A missing field and an empty one are the same thing to a reader.</summary>
internal static class FieldDiffer
{
    public static FieldDiff Diff(DiffContext ctx, string field, string? from, string? to)
    {
        var fromAbsent = IsAbsent(ctx, from);
        var toAbsent = IsAbsent(ctx, to);
        if (fromAbsent && toAbsent) return new FieldDiff { Field = field, Op = FieldOp.Unchanged, From = from, To = to };
        if (fromAbsent) return new FieldDiff { Field = field, Op = FieldOp.Added, From = from, To = to };
        if (toAbsent) return new FieldDiff { Field = field, Op = FieldOp.Removed, From = from, To = to };
        if (from == to) return new FieldDiff { Field = field, Op = FieldOp.Unchanged, From = from, To = to };

        var words = WordDiffer.Diff(ctx, from!, to!, field);
        return new FieldDiff
        {
            Field = field,
            Op = words.Changed ? FieldOp.Modified : FieldOp.Unchanged,
            From = from,
            To = to,
            Words = words.Ops
        };
    }

    private static bool IsAbsent(DiffContext ctx, string? value) =>
        ctx.Options.IgnoreWhitespace ? string.IsNullOrWhiteSpace(value) : string.IsNullOrEmpty(value);
}
