using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Revisions.Api.Http;
using Revisions.Api.Stories;
using Revisions.Api.Tests.Infrastructure;
using Revisions.Evidence;

namespace Revisions.Api.Tests.Legal.Promise;

/// <summary>
/// A day of newsroom and legal work applied to the API and to the model side by side, checking after every step
/// that the public sees nothing it must not, that roles other than legal see redactions as markers, that the
/// as-of view agrees with the model, and that the store verifies.
/// </summary>
public sealed class Newsday(ApiFixture api, string day)
{
    private static readonly DateTimeOffset Archive = new(2025, 5, 16, 9, 0, 0, TimeSpan.Zero);
    private static readonly string[] NoteKinds = ["correction", "clarification", "update", "editorial"];

    private readonly Words _words = new(day);
    private readonly List<StoryModel> _stories = [];
    private readonly Newsroom _editor = Newsroom.As(api.Host.Server.CreateClient(), Roles.Editor);
    private readonly Newsroom _legal = Newsroom.As(api.Host.Server.CreateClient(), Roles.Legal);
    private readonly Newsroom _admin = Newsroom.As(api.Host.Server.CreateClient(), Roles.Admin);
    private readonly Newsroom _public = Newsroom.Anonymous(api.Host.Server.CreateClient());
    private readonly Newsroom _all = api.Newsroom;
    private int _created;

    public IReadOnlyList<StoryModel> Stories => _stories;

    public async Task RunAsync(IReadOnlyList<Step> steps)
    {
        for (var i = 0; i < steps.Count; i++)
        {
            var story = await ApplyAsync(steps[i]);
            var at = $"after step {i + 1} of {steps.Count}: {steps[i]}";
            await PublicSeesNothingForbiddenAsync(at);
            if (story is not null)
            {
                await NewsroomSeesMarkersAsync(story, at);
                await AsOfAgreesAsync(story, at);
            }
            await StoreVerifiesAsync(at);
        }
    }

    private StoryModel? Pick(Step step) => _stories.Count == 0 ? null : _stories[step.Story % _stories.Count];

    private async Task<StoryModel?> ApplyAsync(Step step)
    {
        if (step.Act is Act.Create or Act.Import or Act.Race) return await StartAsync(step);
        var story = Pick(step);
        if (story is null) return null;
        switch (step.Act)
        {
            case Act.Revise: await ReviseAsync(story, step); break;
            case Act.Publish: await PublishAsync(story, step); break;
            case Act.Unpublish: await UnpublishAsync(story); break;
            case Act.Note: await NoteAsync(story, step); break;
            case Act.Redact: await RedactAsync(story, step); break;
            case Act.RedactNote: await RedactNoteAsync(story, step); break;
            case Act.Lift: await LiftAsync(story, step); break;
            case Act.Erase: await EraseAsync(story, step); break;
            case Act.Hold: await HoldAsync(story); break;
            case Act.Release: await ReleaseAsync(story); break;
            case Act.Restore: await RestoreAsync(story, step); break;
            case Act.Bundle: await BundleAsync(story, step); break;
        }
        await RefreshAsync(story);
        return story;
    }

    /// <summary>New words written as a text of their own (a paragraph, a headline, a remark).</summary>
    private string Text(StoryModel story, int words)
    {
        var text = _words.Sentence(words);
        story.Write(text, text);
        return text;
    }

    private Content NewContent(StoryModel story, int blocks) =>
        new(Text(story, 4), [.. Enumerable.Range(0, blocks).Select(_ => Text(story, 7))]);

    private async Task<StoryModel> StartAsync(Step step)
    {
        var story = new StoryModel($"{day}-{++_created}");
        if (step.Act == Act.Import)
        {
            var captures = Enumerable.Range(0, 1 + step.A % 3).Select(_ => NewContent(story, 2 + step.B % 2)).ToList();
            var answer = await _all.Send<JsonElement>(HttpMethod.Post, "/api/import", "Ann Editor", new
            {
                slug = story.Slug, source = "archive.json",
                snapshots = captures.Select((c, i) => new
                {
                    capturedAt = Archive.AddHours(i), headline = c.Headline, body = c.Blocks.Select(b => new { type = "paragraph", text = b }).ToArray()
                }).ToArray()
            });
            answer.Status.ShouldBe(HttpStatusCode.Created, answer.Problem?.Detail);
            story.Id = answer.Body.GetProperty("storyId").GetGuid();
            for (var i = 0; i < captures.Count; i++)
            {
                story.Contents[i + 1] = captures[i];
                story.Timeline.Add(new Shown(Archive.AddHours(i), i + 1));
                story.ShownTexts.UnionWith(captures[i].Texts);
            }
            story.ContentVersion = captures.Count;
        }
        else
        {
            var content = NewContent(story, 2 + step.B % 3);
            if (step.Act == Act.Race)
            {
                // Eight editors create a story with one slug at once: one wins, the others are told the slug is taken.
                var tries = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => _all.Send<StoryView>(HttpMethod.Post, "/api/stories", "Ann Editor",
                    new { slug = story.Slug, headline = content.Headline, body = content.Blocks.Select(b => new { type = "paragraph", text = b }).ToArray() })));
                tries.Count(t => t.Status == HttpStatusCode.Created).ShouldBe(1);
                tries.Count(t => t.Status == HttpStatusCode.Conflict).ShouldBe(7);
                story.Id = tries.Single(t => t.Status == HttpStatusCode.Created).Body.Id;
            }
            else
            {
                var answer = await _all.Send<StoryView>(HttpMethod.Post, "/api/stories", "Ann Editor", new
                {
                    slug = story.Slug, headline = content.Headline, body = content.Blocks.Select(b => new { type = "paragraph", text = b }).ToArray()
                });
                answer.Status.ShouldBe(HttpStatusCode.Created, answer.Problem?.Detail);
                story.Id = answer.Body.Id;
            }
            story.Contents[1] = content;
            story.ContentVersion = 1;
        }
        _stories.Add(story);
        await RefreshAsync(story);
        return story;
    }

    private async Task ReviseAsync(StoryModel story, Step step)
    {
        var blocks = story.Current.Blocks.ToList();
        // Keep some paragraphs as they are, rewrite one, and sometimes add or drop one.
        blocks[step.A % blocks.Count] = Text(story, 7);
        if (step.B % 3 == 0) blocks.Add(Text(story, 7));
        if (step.B % 5 == 1 && blocks.Count > 1) blocks.RemoveAt(step.C % blocks.Count);
        var content = new Content(step.C % 4 == 0 ? Text(story, 4) : story.Current.Headline, blocks);
        // A remark on a save is for the newsroom: never public.
        var remark = step.C % 3 == 0 ? Text(story, 5) : null;
        var answer = await _all.Send<StoryView>(HttpMethod.Put, $"/api/stories/{story.Id}", "Ann Editor",
            new { headline = content.Headline, body = content.Blocks.Select(b => new { type = "paragraph", text = b }).ToArray(), note = remark }, story.Version);
        answer.Status.ShouldBe(HttpStatusCode.OK, answer.Problem?.Detail);
        story.ContentVersion = answer.Body.ContentVersion;
        story.Contents[story.ContentVersion] = content;
        if (remark is not null) story.Remarks.Add((remark, false));
    }

    private async Task PublishAsync(StoryModel story, Step step)
    {
        var remark = step.A % 2 == 0 ? Text(story, 5) : null;
        var answer = await _all.Send<StoryView>(HttpMethod.Post, $"/api/stories/{story.Id}/publish", "Ann Editor", new { note = remark }, story.Version);
        answer.Status.ShouldBe(HttpStatusCode.OK, answer.Problem?.Detail);
        if (story.Live && story.LastPublishedContent == story.ContentVersion) return; // already live: nothing happens
        story.Live = true;
        story.LastPublish = answer.Body.Version;
        story.LastPublishedContent = story.ContentVersion;
        story.Timeline.Add(new Shown(answer.Body.PublishedAt!.Value, story.ContentVersion));
        story.ShownTexts.UnionWith(story.Current.Texts);
        foreach (var note in story.Notes.Where(n => n.Kind != "editorial")) note.Public = true;
        if (remark is not null) story.Remarks.Add((remark, true));
    }

    private async Task UnpublishAsync(StoryModel story)
    {
        var answer = await _all.Send<StoryView>(HttpMethod.Post, $"/api/stories/{story.Id}/unpublish", "Ann Editor", new { }, story.Version);
        answer.Status.ShouldBe(HttpStatusCode.OK, answer.Problem?.Detail);
        if (!story.Live) return;
        story.Live = false;
        story.Timeline.Add(new Shown(answer.Body.UpdatedAt, null));
    }

    private async Task NoteAsync(StoryModel story, Step step)
    {
        var kind = NoteKinds[step.A % NoteKinds.Length];
        // Sometimes the note quotes a paragraph of the story, as a clarification does.
        var quoted = step.B % 2 == 0 ? story.Current.Blocks[step.C % story.Current.Blocks.Count] : null;
        var own = _words.Sentence(quoted is null ? 6 : 4);
        var text = quoted is null ? own : $"{own} It said \"{quoted}\"";
        story.Write(own, text);
        var answer = await _all.Send<JsonElement>(HttpMethod.Post, $"/api/stories/{story.Id}/notes", "Sam Standards", new { kind, text });
        answer.Status.ShouldBe(HttpStatusCode.Created, answer.Problem?.Detail);
        story.Notes.Add(new NoteModel(answer.Body.GetProperty("noteId").GetGuid(), kind, text, story.ContentVersion,
            kind != "editorial" && story.Live && story.LastPublish >= story.ContentVersion));
    }

    private async Task RedactAsync(StoryModel story, Step step)
    {
        var versions = story.Contents.Keys.Order().ToList();
        var version = versions[step.A % versions.Count];
        var content = story.Contents[version];
        var block = step.B % (content.Blocks.Count + 1);
        object body = block == content.Blocks.Count
            ? new { contentVersion = version, field = "headline", reason = "Court order" }
            : new { contentVersion = version, block, reason = "Court order" };
        var answer = await _legal.Send<JsonElement>(HttpMethod.Post, $"/api/stories/{story.Id}/redactions", "Lee Legal", body);
        answer.Status.ShouldBe(HttpStatusCode.Created, answer.Problem?.Detail);
        story.Redactions[answer.Body.GetProperty("redactionId").GetGuid()] = [block == content.Blocks.Count ? content.Headline : content.Blocks[block]];
    }

    private async Task RedactNoteAsync(StoryModel story, Step step)
    {
        if (story.Notes.Count == 0) return;
        var note = story.Notes[step.A % story.Notes.Count];
        var answer = await _legal.Send<JsonElement>(HttpMethod.Post, $"/api/stories/{story.Id}/redactions", "Lee Legal", new { note = note.Id, reason = "Settlement" });
        answer.Status.ShouldBe(HttpStatusCode.Created, answer.Problem?.Detail);
        story.Redactions[answer.Body.GetProperty("redactionId").GetGuid()] = [note.Text];
    }

    private async Task LiftAsync(StoryModel story, Step step)
    {
        if (story.Redactions.Count == 0) return;
        var id = story.Redactions.Keys.Order().ElementAt(step.A % story.Redactions.Count);
        var answer = await _legal.Send<JsonElement>(HttpMethod.Post, $"/api/stories/{story.Id}/redactions/{id}/lift", "Lee Legal", new { reason = "Order set aside" });
        answer.Status.ShouldBe(HttpStatusCode.OK, answer.Problem?.Detail);
        story.Redactions.Remove(id);
    }

    private async Task EraseAsync(StoryModel story, Step step)
    {
        var candidates = story.AllTexts.SelectMany(Words.In).Distinct().Order().ToList();
        if (candidates.Count == 0) return;
        var word = candidates[(step.A * 31 + step.B) % candidates.Count];
        var answer = await _legal.Send<JsonElement>(HttpMethod.Post, $"/api/stories/{story.Id}/erasures", "Lee Legal", new { text = word, reason = "Privacy request" });
        if (story.Holds.Count > 0)
        {
            answer.Status.ShouldBe(HttpStatusCode.Conflict, "an erasure under a legal hold is refused");
            return;
        }
        answer.Status.ShouldBe(HttpStatusCode.OK, answer.Problem?.Detail);
        story.Erase(word);
    }

    private async Task HoldAsync(StoryModel story)
    {
        var answer = await _legal.Send<JsonElement>(HttpMethod.Post, $"/api/stories/{story.Id}/holds", "Lee Legal", new { reason = "Case 2025/114" });
        answer.Status.ShouldBe(HttpStatusCode.Created, answer.Problem?.Detail);
        story.Holds.Add(answer.Body.GetProperty("holdId").GetGuid());
    }

    private async Task ReleaseAsync(StoryModel story)
    {
        if (story.Holds.Count == 0) return;
        var answer = await _legal.Send<JsonElement>(HttpMethod.Post, $"/api/stories/{story.Id}/holds/{story.Holds[0]}/lift", "Lee Legal", new { reason = "Case closed" });
        answer.Status.ShouldBe(HttpStatusCode.OK, answer.Problem?.Detail);
        story.Holds.RemoveAt(0);
    }

    private async Task RestoreAsync(StoryModel story, Step step)
    {
        var versions = story.Contents.Keys.Order().ToList();
        var version = versions[step.A % versions.Count];
        var answer = await _all.Restore(story.Id.ToString(), version, story.Version);
        answer.Status.ShouldBe(HttpStatusCode.OK, answer.Problem?.Detail);
        if (answer.Body.ContentVersion == story.ContentVersion) return; // the same content: nothing to restore
        story.ContentVersion = answer.Body.ContentVersion;
        story.Contents[story.ContentVersion] = story.Contents[version];
    }

    /// <summary>A live story's evidence bundle verifies untouched, and fails with any one byte changed.</summary>
    private async Task BundleAsync(StoryModel story, Step step)
    {
        var response = await _legal.Client.GetAsync($"/api/stories/{story.Id}/evidence");
        if (!story.Live)
        {
            response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
            return;
        }
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var zip = await response.Content.ReadAsByteArrayAsync();
        BundleVerifier.Verify(new MemoryStream(zip)).Passed.ShouldBeTrue("an untouched bundle verifies");
        var files = EvidenceBundles.Unzip(zip);
        var name = files.Keys.ElementAt(step.A % files.Count);
        var bytes = (byte[])files[name].Clone();
        var at = step.B * bytes.Length / 100;
        bytes[at] = (byte)(bytes[at] ^ (1 + step.C % 255));
        files[name] = bytes;
        BundleVerifier.Verify(new MemoryStream(EvidenceBundles.Zip(files))).Passed.ShouldBeFalse($"a bundle with byte {at} of {name} changed verifies");
    }

    private async Task RefreshAsync(StoryModel story)
    {
        var now = await _legal.Get<StoryView>($"/api/stories/{story.Id}");
        now.Status.ShouldBe(HttpStatusCode.OK);
        story.Version = now.Body.Version;
    }

    // ---- the promises ----

    private async Task PublicSeesNothingForbiddenAsync(string at)
    {
        var forbidden = _stories.SelectMany(s => s.ForbiddenToPublic()).ToHashSet();
        var urls = new List<string> { "/feeds/corrections.atom", "/stories?pageSize=100", "/updates", "/sitemap.xml" };
        foreach (var story in _stories)
        {
            urls.AddRange([$"/stories/{story.Slug}", $"/stories/{story.Slug}/changes", $"/stories/{story.Slug}/timemap",
                $"/feeds/stories/{story.Slug}/corrections.atom", $"/feeds/stories/{story.Slug}/updates.atom", $"/api/stories/{story.Slug}/jsonld"]);
            urls.AddRange(story.PublicVersions.Distinct().Select(v => $"/stories/{story.Slug}/versions/{v}"));
        }
        foreach (var url in urls) await ShowsNoneAsync(_public, url, forbidden, $"the public, {url}, {at}");
    }

    private async Task NewsroomSeesMarkersAsync(StoryModel story, string at)
    {
        var forbidden = story.ForbiddenToNewsroom();
        var urls = new List<string>
        {
            $"/api/stories/{story.Id}", $"/api/stories/{story.Id}/events", $"/api/stories/{story.Id}/public",
            $"/api/corrections?story={story.Id}", $"/api/corrections?story={story.Id}&format=csv", "/api/stories?pageSize=100",
            $"/api/stories/{story.Id}/versions?pageSize=1000", $"/api/stories?q={story.Current.Blocks[0].Split(' ')[0]}"
        };
        for (var v = Math.Max(1, story.Version - 3); v <= story.Version; v++)
        {
            urls.Add($"/api/stories/{story.Id}/versions/{v}");
            urls.Add($"/api/stories/{story.Id}/diff?from={v - 1}&to={v}&format=html");
        }
        foreach (var url in urls) await ShowsNoneAsync(_editor, url, forbidden, $"an editor, {url}, {at}");
        // Erased words are gone for the legal desk too.
        foreach (var url in new[] { $"/api/stories/{story.Id}", $"/api/stories/{story.Id}/events" })
            await ShowsNoneAsync(_legal, url, story.ErasedWords, $"legal, {url}, {at}");
    }

    private static async Task ShowsNoneAsync(Newsroom who, string url, IReadOnlySet<string> forbidden, string what)
    {
        var response = await who.Client.GetAsync(url);
        ((int)response.StatusCode).ShouldBeLessThan(500, what);
        var text = await response.Content.ReadAsStringAsync();
        // A change's summary quotes a few changed words as recorded (docs/legal.md): the one thing shown as recorded.
        if (url.Contains("/events") || url.Contains("/versions?")) text = WithoutSummaries(text);
        var leaked = Words.In(text).Where(forbidden.Contains).Distinct().ToList();
        leaked.ShouldBeEmpty($"{what} shows {string.Join(", ", leaked)}");
    }

    private static string WithoutSummaries(string json)
    {
        var node = JsonNode.Parse(json);
        void Strip(JsonNode? n)
        {
            if (n is JsonObject o)
            {
                o.Remove("summary");
                o.Remove("changeSummary");
                foreach (var child in o.Select(p => p.Value).ToList()) Strip(child);
            }
            else if (n is JsonArray a) foreach (var child in a) Strip(child);
        }
        Strip(node);
        return node?.ToJsonString() ?? "";
    }

    /// <summary>At moments between and around every change of what was public, the legal as-of view shows what the model says.</summary>
    private async Task AsOfAgreesAsync(StoryModel story, string at)
    {
        var moments = story.Timeline.Select(t => t.From).Order().ToList();
        var instants = moments.Zip(moments.Skip(1), (a, b) => a + (b - a) / 2)
            .Concat(moments.Take(1).Select(m => m.AddMinutes(-1))).Concat(moments.TakeLast(1).Select(m => m.AddMilliseconds(1)));
        foreach (var instant in instants)
        {
            var answer = await _legal.Get<JsonElement>($"/api/stories/{story.Id}/public?asOf={Uri.EscapeDataString(instant.ToString("O"))}");
            var expected = story.LiveAt(instant);
            if (expected is null)
            {
                answer.Status.ShouldBe(HttpStatusCode.NotFound, $"as of {instant:O} nothing was public, {at}");
                continue;
            }
            answer.Status.ShouldBe(HttpStatusCode.OK, $"as of {instant:O}, {at}: {answer.Problem?.Detail}");
            var content = answer.Body.GetProperty("content");
            var shown = new Content(content.GetProperty("headline").GetString()!,
                [.. content.GetProperty("body").EnumerateArray().Select(b => b.GetProperty("text").GetString()!)]);
            var model = story.Contents[expected.Value];
            shown.Headline.ShouldBe(model.Headline, $"as of {instant:O}, {at}");
            shown.Blocks.ShouldBe(model.Blocks, $"as of {instant:O}, {at}");
        }
    }

    private async Task StoreVerifiesAsync(string at)
    {
        var report = await _admin.Get<JsonElement>("/api/integrity/verify");
        report.Status.ShouldBe(HttpStatusCode.OK);
        report.Body.GetProperty("ok").GetBoolean().ShouldBeTrue($"the store verifies {at}: {report.Body}");
    }
}
