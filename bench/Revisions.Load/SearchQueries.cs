using System.Diagnostics;
using Npgsql;
using Revisions.Domain.Stories;

namespace Revisions.Load;

/// <summary>
/// Search: the newsroom's <c>GET /api/stories?q=</c> over 10,000 stories of 20 versions each, one client, by
/// kind of query — a name, a misspelt name, an ordinary word, two words, a phrase, and a word most stories
/// contain (every match is ranked, so it is the slowest) — against the plain list of stories as the anchor.
/// </summary>
public static class SearchQueries
{
    public const int Stories = 10_000;
    private const int EventsPerStory = Corpus.EventsPerPublishedStory;

    public static async Task<Report> RunAsync(BenchDatabase db, BenchHost host, TimeSpan duration)
    {
        var report = new Report("search");
        var watch = Stopwatch.StartNew();
        var corpus = new SearchCorpus();
        await Corpus.SeedPublishedAsync(host.Store, Stories, "search", corpus.Story);
        report.Line($"seeded {Stories:N0} stories × {EventsPerStory} events in {watch.Elapsed.TotalSeconds:F1} s " +
                    $"({Stories * EventsPerStory / watch.Elapsed.TotalSeconds:F0} events/s with inline projections, the search index included)");
        // Statistics, as autovacuum gathers them within a minute of a bulk load, so the planner knows the index.
        await db.ScalarAsync<object>("analyze");
        report.Line(await IndexSizeAsync(db));

        using var client = host.CreateLoadClient(1);
        var random = new Random(7);
        var kinds = new (string Kind, Func<string> Query)[]
        {
            ("name", () => corpus.Surname(random.Next(Stories))),
            ("misspelt name", () => SearchCorpus.Misspell(corpus.Surname(random.Next(Stories)), random)),
            ("word", () => corpus.Topic(random)),
            ("two words", () => $"{corpus.Topic(random)} {corpus.Surname(random.Next(Stories))}"),
            ("phrase", () => $"\"{corpus.Forename(random.Next(Stories))} {corpus.Surname(random.Next(Stories))}\""),
            ("common word", () => "minister")
        };

        Task<bool> List(int _, long __) => P2Versions.Ok(client, "/api/stories?pageSize=20");
        await Load.RunAsync("warm-up", 1, TimeSpan.FromSeconds(2), 100_000, List);
        var list = await Load.RunAsync("GET /api/stories (anchor)", 1, duration, 1_000_000, List);
        report.Line(list.ToString());

        var all = new List<double>();
        var share = duration / kinds.Length;
        foreach (var (kind, query) in kinds)
        {
            Task<bool> Search(int _, long __) => P2Versions.Ok(client, $"/api/stories?pageSize=20&q={Uri.EscapeDataString(query())}");
            await Load.RunAsync("warm-up", 1, TimeSpan.FromSeconds(1), 100_000, Search);
            var result = await Load.RunAsync($"q: {kind}", 1, share, 1_000_000, Search);
            report.Line(result.ToString());
            all.AddRange(result.SortedLatenciesMs);
        }
        all.Sort();
        var mixed = new LoadResult("all searches", all.Count, 0, duration.TotalSeconds, [.. all]);
        report.Line(mixed.ToString());
        report.Absolute("search p99 over 10,000 stories × 20 versions, 1 client", mixed.Percentile(0.99), 100, "ms");
        report.Line($"search p99 ÷ plain list p99: {mixed.Percentile(0.99) / list.Percentile(0.99):F1}");
        return report;
    }

    private static async Task<string> IndexSizeAsync(BenchDatabase db)
    {
        await using var connection = new NpgsqlConnection(db.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select count(*), pg_total_relation_size('revisions.story_search'), pg_relation_size('revisions.story_search_vector'), " +
            "pg_relation_size('revisions.story_search_names') from revisions.story_search", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return $"search index: {reader.GetInt64(0):N0} rows, {reader.GetInt64(1) / 1048576.0:F0} MB with indexes " +
               $"(vector GIN {reader.GetInt64(2) / 1048576.0:F0} MB, names trigram GIN {reader.GetInt64(3) / 1048576.0:F0} MB)";
    }
}

/// <summary>
/// Stories that read like a newsroom's for a search: ordinary words (the load corpus's), topic words a few
/// hundred stories share, and people whose names a handful of stories share.
/// </summary>
public sealed class SearchCorpus
{
    // Consonant, vowel and an optional closing consonant: about 1,500 syllables, so invented names share
    // letters about as often as real ones do (a trigram index is only as selective as the names are varied).
    private static readonly string[] Syllables =
        [.. from c in "bcdfghjklmnprstvwz" from v in "aeiouy" from e in new[] { "", "n", "r", "s", "l", "th", "ck", "m", "d", "sk", "nd", "rt", "x" } select $"{c}{v}{e}"];

    private readonly string[] _surnames = Invent(3_000, 2, 3, seed: 1, capitalise: true);
    private readonly string[] _forenames = Invent(400, 2, 2, seed: 2, capitalise: true);
    private readonly string[] _topics = Invent(2_000, 2, 4, seed: 3, capitalise: false);

    public string Surname(int story) => _surnames[story % _surnames.Length];
    public string Forename(int story) => _forenames[story % _forenames.Length];
    public string Topic(Random random) => _topics[random.Next(_topics.Length)];

    public StoryContent Story(int n)
    {
        var random = new Random(n);
        string Sentence(int words) => string.Join(' ', Enumerable.Range(0, words).Select(_ => random.Next(10) switch
        {
            0 => Topic(random),
            1 when random.Next(3) == 0 => $"{Forename(n)} {Surname(n)}",
            _ => Corpus.Word(random)
        })) + ".";
        var body = Enumerable.Range(0, 5).Select(_ => Block.Paragraph(Sentence(45))).ToList();
        return new StoryContent($"{Forename(n)} {Surname(n)} on {Topic(random)} and {Topic(random)}", null, Sentence(20), $"By {Forename(n + 1)} {Surname(n + 7)}", body);
    }

    /// <summary>A name with one letter of its middle dropped or doubled, as a hurried search types it.</summary>
    public static string Misspell(string name, Random random)
    {
        var at = 1 + random.Next(Math.Max(1, name.Length - 2));
        return random.Next(2) == 0 ? name.Remove(at, 1) : name.Insert(at, name[at].ToString());
    }

    private static string[] Invent(int count, int minSyllables, int maxSyllables, int seed, bool capitalise)
    {
        var random = new Random(seed);
        var words = new HashSet<string>();
        while (words.Count < count)
        {
            var word = string.Concat(Enumerable.Range(0, random.Next(minSyllables, maxSyllables + 1)).Select(_ => Syllables[random.Next(Syllables.Length)]));
            words.Add(capitalise ? char.ToUpperInvariant(word[0]) + word[1..] : word);
        }
        return [.. words];
    }
}
