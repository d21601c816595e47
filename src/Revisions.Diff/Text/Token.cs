namespace Revisions.Diff.Text;

internal enum TokenKind : byte
{
    Word,
    Punctuation,
    Whitespace
}

/// <summary>A slice of a text; slices rather than substrings so tokenising allocates nothing.</summary>
internal readonly record struct Token(int Start, int Length, TokenKind Kind)
{
    public ReadOnlySpan<char> In(string text) => text.AsSpan(Start, Length);
}
