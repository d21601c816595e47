using System.Net;
using Revisions.Api.Stories;
using Revisions.Api.Tests.Corrections;
using Revisions.Api.Tests.Infrastructure;
using Revisions.Domain.Stories;

namespace Revisions.Api.Tests.Stories;

/// <summary>
/// The desk's search over every story, drafts included: by any word of the headline, standfirst, body or notes,
/// best match first; by a name even when it is misspelt; with the list's status filter and paging.
/// </summary>
public class when_searching_stories(ApiFixture api) : IClassFixture<ApiFixture>
{
    private readonly Newsroom newsroom = api.Newsroom;

    private Task<Answer<StoryPage>> Search(string query) => newsroom.Get<StoryPage>($"/api/stories?{query}");

    private static StoryContent Story(string headline, string? standfirst, params string[] paragraphs) =>
        new(headline, null, standfirst, null, paragraphs.Select(Block.Paragraph).ToList());

    [Fact]
    public async Task a_word_in_the_body_finds_the_story_and_a_headline_match_ranks_first()
    {
        var inBody = (await newsroom.Create(Story("Council meets", null, "Members discussed the reservoir near Ashbourne."))).Body;
        var inHeadline = (await newsroom.Create(Story("Reservoir levels fall", null, "Water is short this summer."))).Body;
        await newsroom.Create(Story("Unrelated story", null, "Nothing about water storage here."));

        var found = await Search("q=reservoir");

        found.Status.ShouldBe(HttpStatusCode.OK);
        found.Body.Items.Select(s => s.Id).ShouldBe([inHeadline.Id, inBody.Id]);
        found.Body.Total.ShouldBe(2);
        found.Body.Items[0].Rank!.Value.ShouldBeGreaterThan(found.Body.Items[1].Rank!.Value);
        found.Body.Items.ShouldAllBe(s => s.Status == StoryStatus.Draft, "drafts are the newsroom's to find");
    }

    [Fact]
    public async Task a_misspelt_name_still_finds_the_story()
    {
        var story = (await newsroom.Create(Story("Talks in Istanbul", "Volodymyr Zelenskyy spoke to reporters.",
            "UK prime minister Keir Starmer said the talks would continue."))).Body;

        foreach (var misspelt in new[] { "Starmr", "Zelensky", "Zelenskiy", "Istambul" })
        {
            var found = await Search($"q={misspelt}");
            found.Body.Items.ShouldContain(s => s.Id == story.Id, misspelt);
            found.Body.Items.Single(s => s.Id == story.Id).Rank!.Value.ShouldBeLessThan(1, "a near match ranks below any match of the words");
        }
        (await Search("q=Starmer")).Body.Items.Single(s => s.Id == story.Id).Rank!.Value.ShouldBeGreaterThan(1);
    }

    [Fact]
    public async Task words_are_matched_by_their_stem_in_any_order_and_phrases_exactly()
    {
        var story = (await newsroom.Create(Story("Minister resigns", null, "The health minister resigned after the inquiry reported."))).Body;

        (await Search("q=resigned budget")).Body.Items.ShouldNotContain(s => s.Id == story.Id, "every word must be there");
        (await Search("q=inquiry resigning")).Body.Items.ShouldContain(s => s.Id == story.Id);
        (await Search("q=%22health minister%22")).Body.Items.ShouldContain(s => s.Id == story.Id);
        (await Search("q=%22minister health%22")).Body.Items.ShouldNotContain(s => s.Id == story.Id);
        (await Search("q=inquiry -health")).Body.Items.ShouldNotContain(s => s.Id == story.Id);
    }

    [Fact]
    public async Task a_note_s_text_finds_its_story_and_a_later_save_keeps_it()
    {
        var (id, version) = await newsroom.PublishedStory(Standards.Story("Bus fares rise", "Fares rise in May."));
        await newsroom.AddNote(id, "correction", "An earlier version named the wrong operator, Stagecoach.");
        await newsroom.Revise(id, Standards.Story("Bus fares rise", "Fares rise in June."), version + 1);

        var found = (await Search("q=operator")).Body.Items.ShouldHaveSingleItem();
        found.Id.ToString().ShouldBe(id);
        found.Rank!.Value.ShouldBeGreaterThan(1);
        (await Search("q=June")).Body.Items.ShouldContain(s => s.Id.ToString() == id);
        (await Search("q=May")).Body.Items.ShouldNotContain(s => s.Id.ToString() == id, "only the latest content is searched");
    }

    [Fact]
    public async Task the_status_filter_and_paging_apply_to_a_search()
    {
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++) ids.Add((await newsroom.Create(Story($"Flood defences {i}", null, "Sandbags along the Ouse."))).Body.Id);
        await newsroom.Publish(ids[0].ToString(), 1);
        await newsroom.Publish(ids[1].ToString(), 1);

        var published = await Search("q=sandbags&status=published");
        published.Body.Items.Select(s => s.Id).ShouldBe([ids[0], ids[1]], ignoreOrder: true);
        (await Search("q=sandbags&status=draft")).Body.Total.ShouldBe(3);

        var first = await Search("q=sandbags&pageSize=2");
        first.Body.Total.ShouldBe(5);
        first.Body.Items.Count.ShouldBe(2);
        first.Response.Headers.GetValues("X-Total-Count").Single().ShouldBe("5");
        var next = Newsroom.NextPage(first.Response)!;
        next.ShouldBe("/api/stories?q=sandbags&page=2&pageSize=2");
        var second = await newsroom.Get<StoryPage>(next);
        var third = await newsroom.Get<StoryPage>(Newsroom.NextPage(second.Response)!);
        Newsroom.NextPage(third.Response).ShouldBeNull();
        first.Body.Items.Concat(second.Body.Items).Concat(third.Body.Items).Select(s => s.Id).ShouldBe(ids, ignoreOrder: true);
        (await Search("q=sandbags&page=9&pageSize=2")).Body.ShouldSatisfyAllConditions(p => p.Items.ShouldBeEmpty(), p => p.Total.ShouldBe(5));

        // Without a search the list filters and pages the same way.
        (await Search("status=published&pageSize=100")).Body.Items.ShouldAllBe(s => s.Status == StoryStatus.Published);
    }

    [Fact]
    public async Task a_published_story_is_found_by_what_it_says_now_and_a_draft_of_it_by_its_new_words()
    {
        var (id, version) = await newsroom.PublishedStory(Standards.Story("Bridge repairs", "The bridge closes for repairs in spring."));
        await newsroom.Revise(id, Standards.Story("Bridge repairs", "The bridge closes for repairs in autumn."), version);

        (await Search("q=autumn")).Body.Items.ShouldContain(s => s.Id.ToString() == id);
        (await Search("q=spring")).Body.Items.ShouldNotContain(s => s.Id.ToString() == id);
    }

    [Fact]
    public async Task erased_text_is_found_by_no_search()
    {
        var (id, _) = await newsroom.PublishedStory(Standards.Story("Hearing adjourned", "Witness Quimbley spoke at the hearing."));
        await newsroom.AddNote(id, "clarification", "Quimbley is a witness, not a defendant.");
        var storyId = Guid.Parse(id);
        (await Search("q=Quimbley")).Body.Items.ShouldContain(s => s.Id == storyId);
        (await Search("q=Quimbly")).Body.Items.ShouldContain(s => s.Id == storyId);
        (await LiveWith("Witness Quimbley")).ShouldContain(storyId);

        var erased = await newsroom.Send<object>(HttpMethod.Post, $"/api/stories/{id}/erasures", "Lee Legal", new { text = "Quimbley", reason = "GDPR art. 17 request" });
        erased.Status.ShouldBe(HttpStatusCode.OK);

        (await Search("q=Quimbley")).Body.Items.ShouldNotContain(s => s.Id == storyId);
        (await Search("q=Quimbly")).Body.Items.ShouldNotContain(s => s.Id == storyId, "the names a misspelling finds are made again from the masked text");
        (await LiveWith("Witness Quimbley")).ShouldBeEmpty();
        (await Search("q=hearing")).Body.Items.ShouldContain(s => s.Id == storyId, "the rest of the story is still found");
        (await Search("q=defendant")).Body.Items.ShouldContain(s => s.Id == storyId, "and so is the rest of its notes");
        await using var connection = new Npgsql.NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        await using var stored = new Npgsql.NpgsqlCommand(
            "select count(*) from revisions.story_search where concat_ws(' ', headline, standfirst, body, notes, names, vector::text) ilike '%quimbley%'", connection);
        ((long)(await stored.ExecuteScalarAsync())!).ShouldBe(0);
    }

    [Fact]
    public async Task redacted_text_finds_nothing_until_the_redaction_is_lifted()
    {
        var (id, _) = await newsroom.PublishedStory(Standards.Story("Court hears witness", "The court sat all day.", "Witness Pomfrey named the accused."));
        var noted = await newsroom.AddNote(id, "clarification", "Pomfrey gave evidence by video link.");
        var storyId = Guid.Parse(id);
        (await Search("q=Pomfrey")).Body.Items.ShouldContain(s => s.Id == storyId);

        var block = await newsroom.Send<System.Text.Json.JsonElement>(HttpMethod.Post, $"/api/stories/{id}/redactions", "Lee Legal",
            new { contentVersion = 1, block = 1, reason = "Court order" });
        block.Status.ShouldBe(HttpStatusCode.Created);
        (await Search("q=accused")).Body.Items.ShouldNotContain(s => s.Id == storyId, "withdrawn words find nothing");
        (await Search("q=video")).Body.Items.ShouldContain(s => s.Id == storyId, "the note does not quote the withdrawn text");
        var note = await newsroom.Send<System.Text.Json.JsonElement>(HttpMethod.Post, $"/api/stories/{id}/redactions", "Lee Legal",
            new { note = noted.Body.GetProperty("noteId").GetGuid(), reason = "Court order" });
        note.Status.ShouldBe(HttpStatusCode.Created);
        (await Search("q=Pomfrey")).Body.Items.ShouldNotContain(s => s.Id == storyId);
        (await Search("q=Pomfry")).Body.Items.ShouldNotContain(s => s.Id == storyId, "nor does a near match of a withdrawn name");
        (await Search("q=legal reasons")).Body.Items.ShouldNotContain(s => s.Id == storyId, "the marker is not indexed");
        (await Search("q=court")).Body.Items.ShouldContain(s => s.Id == storyId);

        var lifted = await newsroom.Send<object>(HttpMethod.Post,
            $"/api/stories/{id}/redactions/{block.Body.GetProperty("redactionId").GetGuid()}/lift", "Lee Legal", new { reason = "Order set aside" });
        lifted.Status.ShouldBe(HttpStatusCode.OK);
        (await Search("q=accused")).Body.Items.ShouldContain(s => s.Id == storyId);
    }

    private async Task<IReadOnlyList<Guid>> LiveWith(string phrase)
    {
        await using var session = api.Store.QuerySession();
        return await StorySearches.LiveWithPhraseAsync(session, SearchSettings.Default, phrase, Guid.Empty, 10, CancellationToken.None);
    }

    [Fact]
    public async Task a_phrase_of_common_words_is_looked_for_in_the_live_text_taking_percent_and_underscore_literally()
    {
        var (literal, _) = await newsroom.PublishedStory(Standards.Story("Sale notice", "The offer was to_be announced."));
        var (other, _) = await newsroom.PublishedStory(Standards.Story("Other notice", "The offer was toXbe announced."));
        var draft = (await newsroom.Create(Standards.Story("Draft notice", "The offer was to_be announced."))).Body.Id;

        var found = await LiveWith("to_be");
        found.ShouldContain(Guid.Parse(literal));
        found.ShouldNotContain(Guid.Parse(other));
        found.ShouldNotContain(draft, "drafts are not live");
        (await LiveWith("was %")).ShouldBeEmpty();
        (await LiveWith("offer was")).ShouldContain(Guid.Parse(other), "words that are indexed are found through the index");
    }

    [Fact]
    public async Task any_search_text_is_answered_and_bad_parameters_are_refused()
    {
        foreach (var text in new[] { "'", "\"", "a & b", "!x", "x:*", "100%", "a_b", "(", "-", "or", "the", "\\", "😀", "Zürich", "<script>" })
            (await Search("q=" + Uri.EscapeDataString(text))).Status.ShouldBe(HttpStatusCode.OK, text);
        (await Search("q=" + new string('x', 201))).Status.ShouldBe(HttpStatusCode.BadRequest);
        (await Search("q=x&status=deleted")).Status.ShouldBe(HttpStatusCode.BadRequest);
        (await Search("q=x&status=1")).Status.ShouldBe(HttpStatusCode.BadRequest);
        (await Search("q=x&pageSize=101")).Status.ShouldBe(HttpStatusCode.BadRequest);
        (await Search("q=flood%00")).Status.ShouldBe(HttpStatusCode.BadRequest, "PostgreSQL text cannot hold NUL");
        (await Search("q=flood%1B")).Status.ShouldBe(HttpStatusCode.BadRequest);
    }
}
