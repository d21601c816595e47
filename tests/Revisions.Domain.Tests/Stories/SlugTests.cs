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
    [InlineData("Straße in Łódź geöffnet", "strasse-in-lodz-geoffnet")]
    [InlineData("ÄÖÜ 東京", "aou-東京")]
    [InlineData("Переговоры в Стамбуле", "переговоры-в-стамбуле")]
    [InlineData("Συνομιλίες στην Κωνσταντινούπολη", "συνομιλίες-στην-κωνσταντινούπολη")]
    [InlineData("इस्तांबुल में वार्ता", "इस्तांबुल-में-वार्ता")]
    [InlineData("محادثات في إسطنبول", "محادثات-في-إسطنبول")]
    [InlineData("이스탄불 회담", "이스탄불-회담")]
    [InlineData("\u202Eevil\u202C headline\uFEFF", "evil-headline")]
    public void is_made_from_the_headline(string headline, string slug) => Slug.FromHeadline(headline).ShouldBe(slug);

    [Theory]
    [InlineData("ÄÖÜ 東京")]
    [InlineData("इस्तांबुल में वार्ता")]
    [InlineData("Переговоры в Стамбуле")]
    [InlineData("이스탄불 회담")]
    public void made_from_any_script_it_is_valid_and_already_canonical(string headline)
    {
        var slug = Slug.FromHeadline(headline);
        Slug.IsValid(slug).ShouldBeTrue(slug);
        Slug.Canonical(slug).ShouldBe(slug);
    }

    [Fact]
    public void a_long_headline_in_a_script_with_marks_is_cut_between_letters()
    {
        var slug = Slug.FromHeadline(string.Join(" ", Enumerable.Repeat("वार्ता", 30)));
        slug.Length.ShouldBeLessThanOrEqualTo(Slug.MaxLength);
        Slug.IsValid(slug).ShouldBeTrue();
        Slug.IsValid(Slug.WithSuffix(slug, 3)).ShouldBeTrue();
    }

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
    [InlineData("aou-東京", true)]
    [InlineData("переговоры", true)]
    [InlineData("Переговоры", false)]
    [InlineData("talks resume", false)]
    [InlineData("talks/resume", false)]
    [InlineData("talks%20resume", false)]
    [InlineData("\u0301talks", false)]
    [InlineData("cafe\u0301", false)]
    public void is_checked_when_an_editor_chooses_one(string slug, bool valid) => Slug.IsValid(slug).ShouldBe(valid);
}
