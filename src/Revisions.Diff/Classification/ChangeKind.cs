using Revisions.Domain.Stories;

namespace Revisions.Diff.Classification;

/// <summary>
/// What sort of change a revision made, as a standards desk names it. A revision has every kind that applies.
/// </summary>
public static class ChangeKind
{
    public const string Typo = "typo";
    public const string Name = "name";
    public const string Number = "number";
    public const string Quote = "quote";
    public const string Headline = "headline";
    public const string BlockAdded = "block-added";
    public const string BlockRemoved = "block-removed";
    public const string BlockMoved = "block-moved";
    public const string Rewrite = "rewrite";
    /// <summary>Other changes of wording (style, trims) that none of the kinds above describe.</summary>
    public const string Wording = "wording";
    /// <summary>Only spacing changed (spaces, line breaks): the words and punctuation readers see are the same.</summary>
    public const string Whitespace = "whitespace";

    public static readonly IReadOnlyList<string> All =
        [Typo, Name, Number, Quote, Headline, BlockAdded, BlockRemoved, BlockMoved, Rewrite, Wording, Whitespace];
}

/// <summary>
/// The reading of one revision: its kinds in a fixed order, a one-line summary for people, and whether
/// the change is substantive (readers should be told about it).
/// </summary>
public sealed record ChangeClassification(IReadOnlyList<string> Kinds, string Summary, bool Substantive)
{
    public static readonly ChangeClassification None = new([], "No change", false);

    /// <summary>This reading as content events record it, with the rules that made it.</summary>
    public ClassifiedChange Record() => new(ChangeClassifier.Rules, Kinds, Summary, Substantive);
}
