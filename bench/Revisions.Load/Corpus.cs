using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using Revisions.Api.Hosting;
using Revisions.Api.Stories;
using Revisions.Diff.Classification;
using Revisions.Domain.Corrections;
using Revisions.Domain.Stories;

namespace Revisions.Load;

/// <summary>
/// Stories as newsrooms write them (a headline, standfirst, byline and paragraphs of ordinary words) and
/// the small edits a save usually is: one word changed in one paragraph.
/// </summary>
public static class Corpus
{
    public static readonly JsonSerializerOptions Json = CreateJson();

    private static readonly string[] Words =
    [
        "the", "minister", "said", "talks", "would", "resume", "on", "friday", "after", "delegations", "met", "in",
        "istanbul", "officials", "confirmed", "that", "a", "ceasefire", "proposal", "was", "under", "discussion",
        "and", "several", "people", "were", "injured", "when", "police", "arrived", "at", "the", "scene", "of",
        "protest", "outside", "parliament", "where", "hundreds", "gathered", "to", "demand", "answers", "from",
        "government", "spokesman", "declined", "comment", "report", "published", "by", "agency", "shows", "prices",
        "rose", "percent", "last", "month", "while", "wages", "fell", "behind", "inflation", "for", "third", "year"
    ];

    private static JsonSerializerOptions CreateJson()
    {
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Web.Configure(json);
        return json;
    }

    /// <summary>A story of <paramref name="paragraphs"/> paragraphs of about <paramref name="wordsEach"/> words.</summary>
    public static StoryContent NewStory(int seed, int paragraphs, int wordsEach)
    {
        var random = new Random(seed);
        var body = Enumerable.Range(0, paragraphs).Select(_ => Block.Paragraph(Sentence(random, wordsEach))).ToList();
        return new StoryContent($"Talks resume in Istanbul {seed}", null, Sentence(random, 20), "By Ann Editor", body);
    }

    /// <summary>The content after one save: a word of one paragraph replaced.</summary>
    public static StoryContent Edit(StoryContent content, Random random)
    {
        var body = content.Body.ToList();
        var index = random.Next(body.Count);
        var words = body[index].Text.Split(' ');
        words[random.Next(words.Length)] = Words[random.Next(Words.Length)] + random.Next(1000);
        body[index] = Block.Paragraph(string.Join(' ', words));
        return content with { Body = body };
    }

    /// <summary>One of the ordinary words stories are written with.</summary>
    public static string Word(Random random) => Words[random.Next(Words.Length)];

    private static string Sentence(Random random, int words) =>
        string.Join(' ', Enumerable.Range(0, words).Select(_ => Words[random.Next(Words.Length)])) + ".";

    public static JsonContent Body(StoryContent content, string? slug = null) => JsonContent.Create(new
    {
        slug, content.Headline, content.ShortHeadline, content.Standfirst, content.Byline, content.Body
    }, options: Json);

    /// <summary>
    /// One editor's next save over HTTP: an edit of the story they last saw, sent with its version; the new
    /// state on success, null when the API refused it.
    /// </summary>
    public static async Task<(Guid Id, StoryContent Content, int Version, Random Random)?> SaveAsync(
        HttpClient client, (Guid Id, StoryContent Content, int Version, Random Random) story)
    {
        var next = Edit(story.Content, story.Random);
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/stories/{story.Id}") { Content = Body(next) };
        request.Headers.TryAddWithoutValidation("If-Match", $"\"{story.Version}\"");
        using var response = await client.SendAsync(request);
        if (!response.IsSuccessStatusCode) return null;
        return (story.Id, next, int.Parse(response.Headers.ETag!.Tag.Trim('"')), story.Random);
    }

    /// <summary>Creates a story over HTTP and returns its id.</summary>
    public static async Task<Guid> CreateAsync(HttpClient client, StoryContent content, string slug)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/stories") { Content = Body(content, slug) };
        using var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    public const int EventsPerPublishedStory = 20;

    /// <summary>
    /// <paramref name="stories"/> stories of <see cref="EventsPerPublishedStory"/> events each — created, 15 saves,
    /// published, 2 saves, published again — fifty stories a transaction, through the same inline projections as
    /// the API's saves, each change read and recorded with its event by the decision as the API does.
    /// </summary>
    public static async Task SeedPublishedAsync(IDocumentStore store, int stories, string slugPrefix, Func<int, StoryContent> content)
    {
        const int storiesPerTransaction = 50;
        for (var batch = 0; batch * storiesPerTransaction < stories; batch++)
        {
            await using var session = store.LightweightSession();
            for (var n = batch * storiesPerTransaction; n < Math.Min(stories, (batch + 1) * storiesPerTransaction); n++)
            {
                var random = new Random(n);
                var id = Guid.CreateVersion7();
                var created = Story.Create(id, $"{slugPrefix}-{n}", content(n), "Bench Editor", null);
                var story = Story.Evolve(null, created, 1, DateTimeOffset.UtcNow);
                var events = new List<object> { created };
                void Then(IReadOnlyList<object> next)
                {
                    story = story.Then(next, DateTimeOffset.UtcNow);
                    events.AddRange(next);
                }
                for (var i = 0; i < 15; i++) Then(story.Revise(Edit(story.Content, random), "Bench Editor", null, ChangeReader.Current));
                Then(story.Publish("Bench Editor", null, null, ChangeReader.Current));
                for (var i = 0; i < 2; i++) Then(story.Revise(Edit(story.Content, random), "Bench Editor", null, ChangeReader.Current));
                // Without the content last published to compare with, the publish raises no flag: twenty events exactly.
                Then(story.Publish("Bench Editor", new ChangeNote("Updated"), null, ChangeReader.Current));
                session.Events.StartStream<Story>(id, events.ToArray());
            }
            await session.SaveChangesAsync();
        }
    }

    /// <summary>
    /// Appends <paramref name="revisions"/> saves to a new story straight through Marten (the inline
    /// projections run as for any save), <paramref name="perTransaction"/> events per transaction.
    /// </summary>
    public static async Task<Guid> SeedRevisionsAsync(IDocumentStore store, string slug, StoryContent content, int revisions, int perTransaction, int seed)
    {
        var id = Guid.CreateVersion7();
        var random = new Random(seed);
        var story = Story.Evolve(null, Story.Create(id, slug, content, "Bench Editor", null), 1, DateTimeOffset.UtcNow);
        await using (var session = store.LightweightSession())
        {
            session.Events.StartStream<Story>(id, Story.Create(id, slug, content, "Bench Editor", null));
            await session.SaveChangesAsync();
        }
        for (var done = 0; done < revisions;)
        {
            await using var session = store.LightweightSession();
            // FetchForWriting, as the API's saves do: the inline projections need the events' versions.
            var stream = await session.Events.FetchForWriting<StoryState>(id, story.Version);
            for (var i = 0; i < perTransaction && done < revisions; i++, done++)
            {
                // Read as the API's saves are, so the projections take the reading from the event.
                var events = story.Revise(Edit(story.Content, random), "Bench Editor", null, ChangeReader.Current);
                story = story.Then(events, DateTimeOffset.UtcNow);
                stream.AppendMany(events.ToArray());
            }
            await session.SaveChangesAsync();
        }
        return id;
    }
}
