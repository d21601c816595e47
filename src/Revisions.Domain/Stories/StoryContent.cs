namespace Revisions.Domain.Stories;

/// <summary>
/// Everything an editor writes in one save: the fields a CMS exports. Two contents are equal when every
/// field and every block (type and text, in order) is equal, so an identical save can be recognised.
/// </summary>
public sealed record StoryContent(
    string Headline,
    string? ShortHeadline,
    string? Standfirst,
    string? Byline,
    IReadOnlyList<Block> Body)
{
    public static class Fields
    {
        public const string Headline = "headline";
        public const string ShortHeadline = "shortHeadline";
        public const string Standfirst = "standfirst";
        public const string Byline = "byline";
        public const string Body = "body";
    }

    public bool Equals(StoryContent? other) =>
        other is not null
        && Headline == other.Headline
        && ShortHeadline == other.ShortHeadline
        && Standfirst == other.Standfirst
        && Byline == other.Byline
        && Body.SequenceEqual(other.Body);

    public override int GetHashCode() =>
        HashCode.Combine(Headline, ShortHeadline, Standfirst, Byline, Body.Count);

    /// <summary>The names of the fields that differ from <paramref name="previous"/>, in display order.</summary>
    public IReadOnlyList<string> ChangedFieldsSince(StoryContent? previous)
    {
        var changed = new List<string>();
        if (previous is null || Headline != previous.Headline) changed.Add(Fields.Headline);
        if (previous is null ? ShortHeadline is not null : ShortHeadline != previous.ShortHeadline) changed.Add(Fields.ShortHeadline);
        if (previous is null ? Standfirst is not null : Standfirst != previous.Standfirst) changed.Add(Fields.Standfirst);
        if (previous is null ? Byline is not null : Byline != previous.Byline) changed.Add(Fields.Byline);
        if (previous is null ? Body.Count > 0 : !Body.SequenceEqual(previous.Body)) changed.Add(Fields.Body);
        return changed;
    }

    /// <summary>
    /// The stored form of a save: optional fields that are blank become absent and surrounding whitespace
    /// is trimmed, so "no short headline" has one spelling and trailing spaces from a CMS are not a change.
    /// </summary>
    public StoryContent Normalised() => new(
        Headline.Trim(),
        Blank(ShortHeadline),
        Blank(Standfirst),
        Blank(Byline),
        Body.Select(b => b with { Text = b.Text.Trim() }).ToList());

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    public int WordCount() =>
        Words(Headline) + Words(ShortHeadline) + Words(Standfirst) + Words(Byline) + Body.Sum(b => Words(b.Text));

    private static int Words(string? text) =>
        text is null ? 0 : text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
}
