using Marten;
using Revisions.Api.Admin;
using Revisions.Api.Stories;
using Revisions.Api.Tests.Infrastructure;
using Revisions.Diff.Classification;
using Revisions.Domain.Stories;

namespace Revisions.Api.Tests.Stories;

public class when_a_save_records_how_its_change_reads(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static StoryContent Story(string paragraph) =>
        new("Talks resume in Istanbul", null, null, null, [Block.Paragraph("Delegations met in Istanbul."), Block.Paragraph(paragraph)]);

    private static readonly StoryContent Misspelt = Story("UK prime minister Kier Starmer said allies must follow through.");
    private static readonly StoryContent PutRight = Story("UK prime minister Keir Starmer said allies must follow through.");
    private static readonly StoryContent NewFigure = Story("UK prime minister Keir Starmer said 40 allies must follow through.");

    [Fact]
    public async Task the_saved_event_carries_the_reading_its_version_shows()
    {
        var id = (await api.Newsroom.Create(Misspelt)).Body.Id;
        await api.Newsroom.Revise(id.ToString(), PutRight, 1);

        await using var session = api.Store.QuerySession();
        var saved = (StoryRevised)(await session.Events.FetchStreamAsync(id))[1].Data;
        saved.Change.ShouldNotBeNull();
        saved.Change.Rules.ShouldBe(ChangeClassifier.Rules);
        saved.Change.Kinds.ShouldBe([ChangeKind.Typo, ChangeKind.Name]);
        saved.Change.Summary.ShouldBe("Corrected spelling of 'Keir'");
        saved.Change.Substantive.ShouldBeFalse();

        var version = (await session.LoadAsync<StoryVersion>(StoryVersion.Key(id, 2)))!;
        version.Changes.ShouldBe(saved.Change.Kinds);
        version.ChangeSummary.ShouldBe(saved.Change.Summary);
    }

    [Fact]
    public async Task a_rebuild_takes_each_reading_from_its_event_and_reads_changes_recorded_under_other_rules_again()
    {
        var id = (await api.Newsroom.Create(Misspelt)).Body.Id;
        await using (var session = api.Store.LightweightSession())
        {
            var (stream, whole) = await StoryForWriting.FetchAsync(session, id, CancellationToken.None);
            var story = whole!;
            // As older releases stored them: a change read under earlier rules, and one from before readings were recorded.
            var underOldRules = Revision(story, PutRight) with
            {
                Change = new ClassifiedChange(ChangeClassifier.Rules - 1, [ChangeKind.Wording], "Reworded under the old rules", false)
            };
            story = story.Then([underOldRules], DateTimeOffset.UtcNow);
            var unrecorded = Revision(story, NewFigure);
            story = story.Then([unrecorded], DateTimeOffset.UtcNow);
            // A reading recorded under these rules stands as recorded: the rebuild does not compare the versions again.
            var recorded = Revision(story, PutRight) with
            {
                Change = new ClassifiedChange(ChangeClassifier.Rules, [ChangeKind.Wording], "Reading recorded at the time", false)
            };
            stream.AppendMany(underOldRules, unrecorded, recorded);
            await session.SaveChangesAsync();
        }
        var inline = await VersionsAsync(id);

        await new ReadModelReplay(api.Store).RunAsync(CancellationToken.None);

        var rebuilt = await VersionsAsync(id);
        rebuilt.Select(v => v.ChangeSummary).ShouldBe(inline.Select(v => v.ChangeSummary));
        rebuilt[1].Changes.ShouldBe([ChangeKind.Typo, ChangeKind.Name]);
        rebuilt[1].ChangeSummary.ShouldBe("Corrected spelling of 'Keir'");
        rebuilt[2].Changes.ShouldBe([ChangeKind.Number]);
        rebuilt[3].Changes.ShouldBe([ChangeKind.Wording]);
        rebuilt[3].ChangeSummary.ShouldBe("Reading recorded at the time");
    }

    /// <summary>A save as releases before recorded readings stored it: no reading.</summary>
    private static StoryRevised Revision(Story story, StoryContent content) =>
        ((StoryRevised)story.Revise(content, "Ann Desk", null, ChangeReader.Current)[0]) with { Change = null };

    private async Task<List<StoryVersion>> VersionsAsync(Guid id)
    {
        await using var query = api.Store.QuerySession();
        return (await query.Query<StoryVersion>().Where(v => v.StoryId == id).OrderBy(v => v.Version).ToListAsync()).ToList();
    }
}
