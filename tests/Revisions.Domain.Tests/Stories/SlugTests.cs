using Revisions.Domain.Stories;

namespace Revisions.Domain.Tests.Stories;

public class a_slug
{
    [Theory]
    [InlineData("Direct Talks Between Russia and Ukraine Resume After Three-Year Pause", "direct-talks-between-russia-and-ukraine-resume-after-three-year-pause")]
    [InlineData("Russia’s delegation: “no one who makes decisions”", "russias-delegation-no-one-who-makes-decisions")]
    [InlineData("Zelenskyy à Istanbul — Dolmabahçe", "zelenskyy-a-istanbul-dolmabahce")]
    [InlineData("20% of Ukraine's territory", "20-of-ukraines-territory")]
    [InlineData("!!!", "story")]
    public void is_made_from_the_headline(string headline, string slug) => Slug.FromHeadline(headline).ShouldBe(slug);

    [Fact]
    public void is_never_longer_than_the_limit_and_never_ends_in_a_hyphen()
    {
        var slug = Slug.FromHeadline(string.Join(" ", Enumerable.Repeat("negotiations", 20)));
        slug.Length.ShouldBeLessThanOrEqualTo(Slug.MaxLength);
        Slug.IsValid(slug).ShouldBeTrue();
        Slug.IsValid(Slug.WithSuffix(slug, 12)).ShouldBeTrue();
        Slug.WithSuffix(slug, 12).ShouldEndWith("-12");
    }

    [Theory]
    [InlineData("istanbul-talks", true)]
    [InlineData("Istanbul-talks", false)]
    [InlineData("-talks", false)]
    [InlineData("talks--resume", false)]
    [InlineData("", false)]
    [InlineData("0196d3a0-0000-7000-8000-000000000001", false)]
    public void is_checked_when_an_editor_chooses_one(string slug, bool valid) => Slug.IsValid(slug).ShouldBe(valid);
}
