namespace Revisions.Diff.Classification;

/// <summary>
/// One place where text was replaced, inserted or deleted: the removed and added text between two
/// stretches of unchanged words, with what surrounds it in the older and newer text.
/// </summary>
internal sealed record TextEdit(string Removed, string Added, string OldBefore, string NewBefore, string OldText, string NewText)
{
    /// <summary>Splits a word diff into edits; whitespace-only equal runs do not end an edit.</summary>
    public static List<TextEdit> From(IReadOnlyList<WordOp> ops)
    {
        var edits = new List<TextEdit>();
        var oldText = string.Concat(ops.Where(o => o.Op != WordOpKind.Insert).Select(o => o.Text));
        var newText = string.Concat(ops.Where(o => o.Op != WordOpKind.Delete).Select(o => o.Text));
        int oldPos = 0, newPos = 0, i = 0;
        while (i < ops.Count)
        {
            if (ops[i].Op == WordOpKind.Equal)
            {
                oldPos += ops[i].Text.Length;
                newPos += ops[i].Text.Length;
                i++;
                continue;
            }
            int oldStart = oldPos, newStart = newPos;
            var removed = new System.Text.StringBuilder();
            var added = new System.Text.StringBuilder();
            while (i < ops.Count && (ops[i].Op != WordOpKind.Equal || (IsBlank(ops[i].Text) && i + 1 < ops.Count && ops[i + 1].Op != WordOpKind.Equal)))
            {
                var op = ops[i];
                if (op.Op != WordOpKind.Insert) { removed.Append(op.Text); oldPos += op.Text.Length; }
                if (op.Op != WordOpKind.Delete) { added.Append(op.Text); newPos += op.Text.Length; }
                i++;
            }
            edits.Add(new TextEdit(removed.ToString(), added.ToString(), oldText[..oldStart], newText[..newStart], oldText, newText));
        }
        return edits;
    }

    /// <summary>Only whitespace was removed and added: the text reads the same.</summary>
    public bool IsSpacing => IsBlank(Removed) && IsBlank(Added);

    private static bool IsBlank(string text) => text.All(char.IsWhiteSpace);
}
