namespace Revisions.Watch.Tests;

public class when_reading_robots_txt
{
    [Fact]
    public void the_longest_rule_of_our_group_wins()
    {
        var rules = RobotsRules.Parse("""
            User-agent: *
            Disallow: /

            User-agent: Revisions
            User-agent: OtherBot
            Disallow: /private/
            Allow: /private/press/
            Disallow: /*.pdf$
            Crawl-delay: 10
            """, "Revisions");
        rules.Allows(new Uri("https://s.example/news/1")).ShouldBeTrue();
        rules.Allows(new Uri("https://s.example/private/memo")).ShouldBeFalse();
        rules.Allows(new Uri("https://s.example/private/press/release")).ShouldBeTrue();
        rules.Allows(new Uri("https://s.example/files/report.pdf")).ShouldBeFalse();
        rules.Allows(new Uri("https://s.example/files/report.pdf?x=1")).ShouldBeTrue();
        rules.CrawlDelay.ShouldBe(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void without_a_group_of_ours_the_star_group_applies()
    {
        var rules = RobotsRules.Parse("User-agent: *\nDisallow: /search\n# comment\n", "Revisions");
        rules.Allows(new Uri("https://s.example/search?q=x")).ShouldBeFalse();
        rules.Allows(new Uri("https://s.example/news")).ShouldBeTrue();
        RobotsRules.DisallowAll.Allows(new Uri("https://s.example/")).ShouldBeFalse();
        RobotsRules.AllowAll.Allows(new Uri("https://s.example/")).ShouldBeTrue();
    }
}
