namespace Revisions.Import.Tests;

public class SubheadingRuleTests
{
    [Theory]
    [InlineData("Conflict Continues on the Ground")]
    [InlineData("International responses")]
    [InlineData("What happens next")]
    [InlineData("Zelenskyy’s doubts")]
    [InlineData("2022 talks and their collapse")]
    [InlineData("U.S. Response")]
    [InlineData("  Reaction from Kyiv  ")]
    public void Short_lines_without_final_punctuation_are_subheadings(string line) =>
        SubheadingRule.IsSubheading(line).ShouldBeTrue();

    [Theory]
    [InlineData("Despite the renewed talks, fighting in Ukraine continues.")]
    [InlineData("Talks resumed on Friday.")]
    [InlineData("“We will not give up,” he said")]
    [InlineData("“No one here actually makes decisions”")]
    [InlineData("\"Peace is possible\"")]
    [InlineData("Trump, speaking from the Middle East, confirmed he plans to meet Putin “as soon as we can set it up.”")]
    [InlineData("Why now?")]
    [InlineData("Ceasefire!")]
    [InlineData("Medinsky said:")]
    [InlineData("Talks stalled. Fighting goes on")]
    [InlineData("and the talks went on")]
    [InlineData("- Bullet point about the talks")]
    [InlineData("The first direct negotiations between Russian and Ukrainian officials since the breakdown of talks in 2022")]
    [InlineData("")]
    public void Sentences_quotes_questions_and_long_lines_are_paragraphs(string line) =>
        SubheadingRule.IsSubheading(line).ShouldBeFalse();

    [Fact]
    public void A_subheading_may_have_at_most_eight_words()
    {
        SubheadingRule.IsSubheading("One Two Three Four Five Six Seven Eight").ShouldBeTrue();
        SubheadingRule.IsSubheading("One Two Three Four Five Six Seven Eight Nine").ShouldBeFalse();
    }

    [Fact]
    public void Every_paragraph_of_the_seed_story_is_a_paragraph_and_only_its_two_subheadings_are_subheadings()
    {
        var lines = File.ReadLines(Fixtures.PathOf("seed-istanbul-talks.txt")).Skip(2).Take(15).ToList();

        lines.Where(SubheadingRule.IsSubheading).ShouldBe(["Conflict Continues on the Ground", "International responses"]);
    }
}
