using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Revisions.Evidence;

/// <summary>What a bundle turned out to be.</summary>
public enum BundleStatus
{
    /// <summary>Every check passed: every file and claim is covered by the signature.</summary>
    Verified,
    /// <summary>
    /// A bundle made before manifests were signed, whose every other check passed: its history and checkpoint
    /// verify, but what it says about itself (the moment, the slug, the README) is not authenticated.
    /// </summary>
    Unsigned,
    /// <summary>Something does not check out.</summary>
    Failed
}

/// <summary>What verifying a bundle found: every check in order, and whether all passed.</summary>
public sealed record VerificationReport(IReadOnlyList<(string Check, bool Passed, string Detail)> Checks)
{
    public const string SignatureCheck = "manifest is signed with the checkpoint's key";

    public bool Passed => Checks.Count > 0 && Checks.All(c => c.Passed);

    /// <summary>True when the bundle was made before manifests were signed.</summary>
    public bool Unsigned { get; init; }

    public BundleStatus Status =>
        Passed ? BundleStatus.Verified
        : Unsigned && Checks.All(c => c.Passed || c.Check == SignatureCheck) ? BundleStatus.Unsigned
        : BundleStatus.Failed;
}

/// <summary>
/// Checks an evidence bundle with nothing but the bundle: the manifest's signature, that every file is listed
/// and matches, that the files say what the manifest signed, each event's content hash, the hash chain, the
/// story's head in the signed checkpoint's Merkle tree, the checkpoint's signature, and that the published story
/// and its page are exactly the content of the publish event they name, live at the moment the bundle names.
/// </summary>
public static class BundleVerifier
{
    public static VerificationReport Verify(Stream zip)
    {
        var checks = new List<(string, bool, string)>();
        var unsigned = false;
        try
        {
            var files = Read(zip);
            unsigned = Run(files, checks);
        }
        catch (Exception e)
        {
            // A bundle is hostile input: whatever makes it unreadable is a failed verification, never a crash.
            checks.Add(("bundle readable", false, e.Message));
        }
        return new VerificationReport(checks) { Unsigned = unsigned };
    }

    /// <returns>Whether the bundle is one made before manifests were signed.</returns>
    private static bool Run(Dictionary<string, byte[]> files, List<(string, bool, string)> checks)
    {
        var manifest = Parse<BundleManifest>(files, Bundle.Manifest);
        var unsigned = manifest.Format is null && !files.ContainsKey(Bundle.Signature);
        var keyFile = Encoding.UTF8.GetString(files.TryGetValue(Bundle.PublicKey, out var pem) ? pem : []).Trim();
        if (unsigned)
            checks.Add((VerificationReport.SignatureCheck, false,
                "no signature: made by a release before bundles were signed, so what it says of itself is not authenticated"));
        else
        {
            var signed = manifest.Format == Bundle.SignedFormat && files.TryGetValue(Bundle.Signature, out var signature)
                         && ManifestSignature.Verify(files[Bundle.Manifest], signature, keyFile);
            checks.Add((VerificationReport.SignatureCheck, signed, signed ? Bundle.PublicKey : "the signature does not verify"));
        }

        var listed = manifest.Files.Keys.Append(Bundle.Manifest).Append(Bundle.Signature).ToHashSet();
        var extra = files.Keys.Where(f => !listed.Contains(f)).ToList();
        var wrong = manifest.Files.Where(f => !files.TryGetValue(f.Key, out var bytes) || Sha256(bytes) != f.Value).Select(f => f.Key).ToList();
        var unlisted = Bundle.Contents.Append(manifest.WatchedUrl is null ? null : Bundle.Captures).OfType<string>()
            .Where(f => !manifest.Files.ContainsKey(f)).ToList();
        var problems = wrong.Concat(extra).Concat(unlisted).ToList();
        checks.Add(("files match the manifest", problems.Count == 0,
            problems.Count == 0 ? $"{manifest.Files.Count} files" : $"changed, missing or unlisted: {string.Join(", ", problems)}"));

        var events = Parse<List<BundleEvent>>(files, Bundle.Events);
        var links = Parse<List<BundleLink>>(files, Bundle.ChainFile).OrderBy(l => l.Version).ToList();
        var contiguous = events.Select(e => e.Version).SequenceEqual(Enumerable.Range(1, events.Count).Select(v => (long)v));
        checks.Add(("events run from version 1 without gaps", contiguous, $"versions 1 to {events.Count}"));
        var badContent = events.FirstOrDefault(e =>
            links.FirstOrDefault(l => l.Version == e.Version) is not { } link
            || !MatchesContent(link, Chain.ContentHash(e.Data.GetRawText())) || link.Type != e.Type
            || Chain.Time(link.Timestamp) != Chain.Time(e.Timestamp));
        checks.Add(("events match their content hashes", badContent is null,
            badContent is null ? $"{events.Count} events" : $"version {badContent.Version} does not match its link"));

        var previous = Chain.Genesis;
        long expected = 1;
        string? broken = null;
        foreach (var link in links)
        {
            if (link.Version != expected || Chain.LinkHash(previous, link.Type, link.Version, link.Timestamp, link.ContentHash) != link.Hash)
            {
                broken = $"version {link.Version}";
                break;
            }
            previous = link.Hash;
            expected++;
        }
        checks.Add(("hash chain is unbroken", broken is null, broken ?? $"{links.Count} links from version 1"));

        var covering = Parse<BundleCheckpoint>(files, Bundle.Checkpoint);
        var last = links.LastOrDefault();
        var headMatches = last is not null && covering.Head.StoryId == manifest.StoryId
                          && covering.Head.Version == last.Version && covering.Head.Hash == last.Hash;
        checks.Add(("chain ends at the checkpoint's head", headMatches,
            headMatches ? $"version {last!.Version}" : "the checkpoint names another head"));
        checks.Add(("head is in the checkpoint's Merkle root", Merkle.Verify(covering.Head, covering.Proof, covering.Checkpoint.Root),
            covering.Checkpoint.Root));
        checks.Add(("checkpoint signature is valid", covering.Checkpoint.VerifySignature() && keyFile == covering.Checkpoint.PublicKeyPem.Trim(),
            $"key fingerprint {SafeFingerprint(covering.Checkpoint)}"));

        var story = Parse<PublishedAt>(files, Bundle.Story);
        checks.Add(SaysWhatWasSigned(manifest, unsigned, story, covering, events));
        var publish = events.FirstOrDefault(e => e.Version == story.PublishVersion);
        if (manifest.WatchedUrl is not null)
        {
            checks.Add(IsTheCapture(story, publish));
            checks.Add(CapturesMatch(files, events));
            checks.Add(LiveAtTheMoment(manifest, story, events, links));
            var rendered = files.TryGetValue(Bundle.StoryHtml, out var page) && Encoding.UTF8.GetString(page) == EvidenceHtml.Render(story);
            checks.Add(("page is the story as captured", rendered, Bundle.StoryHtml));
            return unsigned;
        }
        var sameContent = publish is not null && publish.Type == Bundle.PublishedEvent
                          && publish.Data.TryGetProperty("content", out var content)
                          && CanonicalJson.Canonicalize(content).AsSpan().SequenceEqual(CanonicalJson.Canonicalize(story.Content))
                          && publish.Data.TryGetProperty("contentVersion", out var contentVersion) && contentVersion.TryGetInt32(out var shown)
                          && shown == story.ContentVersion
                          && Chain.Time(publish.Timestamp) == Chain.Time(story.LiveFrom);
        checks.Add(("story is the content of its publish event", sameContent, $"publish version {story.PublishVersion}"));
        checks.Add(LiveAtTheMoment(manifest, story, events, links));
        var pageMatches = files.TryGetValue(Bundle.StoryHtml, out var html) && Encoding.UTF8.GetString(html) == EvidenceHtml.Render(story);
        checks.Add(("page is the story as published", pageMatches, Bundle.StoryHtml));
        return unsigned;
    }

    /// <summary>A watched page's story.json is the content of the capture event it names, fetched when it says.</summary>
    private static (string, bool, string) IsTheCapture(PublishedAt story, BundleEvent? capture)
    {
        var same = capture is not null && Bundle.CaptureEvents.Contains(capture.Type)
                   && story.ContentVersion == story.PublishVersion && story.LiveUntil is null
                   && capture.Data.TryGetProperty("content", out var content)
                   && CanonicalJson.Canonicalize(content).AsSpan().SequenceEqual(CanonicalJson.Canonicalize(story.Content))
                   && capture.Data.TryGetProperty("capture", out var captured)
                   && captured.TryGetProperty("capturedAt", out var at) && at.TryGetDateTimeOffset(out var fetched)
                   && Chain.Time(fetched) == Chain.Time(story.LiveFrom);
        return ("story is the content of its capture event", same, $"capture version {story.PublishVersion}");
    }

    /// <summary>
    /// Every raw capture an event names is in the bundle, and its bytes (ungzipped) hash to the SHA-256 the chained
    /// event carries — or, where a legal erasure masked text in it, to the masked hash captures.json states — and
    /// the bundle holds no other capture.
    /// </summary>
    private static (string, bool, string) CapturesMatch(Dictionary<string, byte[]> files, List<BundleEvent> events)
    {
        var listed = Parse<List<BundleCapture>>(files, Bundle.Captures).ToDictionary(c => c.Sha256);
        var named = events
            .Select(e => e.Data.TryGetProperty("capture", out var c) && c.ValueKind == JsonValueKind.Object
                         && c.TryGetProperty("recordSha256", out var h) && h.ValueKind == JsonValueKind.String ? h.GetString() : null)
            .OfType<string>().Distinct().ToList();
        var problems = new List<string>();
        foreach (var sha in named)
        {
            var file = Bundle.CaptureFile(sha);
            if (!files.TryGetValue(file, out var gz)) { problems.Add($"{file} is missing"); continue; }
            string actual;
            try { actual = Sha256(Gunzip(gz)); }
            catch (Exception e) when (e is InvalidDataException or IOException) { problems.Add($"{file} is not gzip"); continue; }
            var erased = listed.TryGetValue(sha, out var entry) ? entry.ErasedSha256 : null;
            if (actual != sha && (erased is null || actual != erased)) problems.Add($"{file} does not match its chained hash");
            if (entry is null || entry.File != file) problems.Add($"{file} is not listed in {Bundle.Captures}");
        }
        var extra = files.Keys.Where(f => f.StartsWith(Bundle.CaptureFolder, StringComparison.Ordinal))
            .Where(f => !named.Any(sha => Bundle.CaptureFile(sha) == f)).ToList();
        problems.AddRange(extra.Select(f => $"{f} is named by no event"));
        problems.AddRange(listed.Keys.Where(sha => !named.Contains(sha)).Select(sha => $"{sha} is listed but named by no event"));
        return ("raw captures match the chained events", problems.Count == 0,
            problems.Count == 0 ? $"{named.Count} raw captures" : string.Join("; ", problems));
    }

    private static byte[] Gunzip(byte[] gz)
    {
        using var input = new GZipStream(new MemoryStream(gz), CompressionMode.Decompress);
        using var output = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = input.Read(buffer)) > 0)
        {
            if (output.Length + read > 256L * 1024 * 1024) throw new InvalidDataException("A capture unpacks to more than 256 MB.");
            output.Write(buffer, 0, read);
        }
        return output.ToArray();
    }

    /// <summary>story.json, checkpoint.json and events.json claim exactly what the manifest signed.</summary>
    private static (string, bool, string) SaysWhatWasSigned(BundleManifest manifest, bool unsigned, PublishedAt story, BundleCheckpoint covering,
        List<BundleEvent> events)
    {
        var differs = new List<string>();
        void Same<T>(string claim, T inManifest, T inFile)
        {
            if (!EqualityComparer<T>.Default.Equals(inManifest, inFile)) differs.Add(claim);
        }
        Same("storyId", manifest.StoryId, story.StoryId);
        Same("slug", manifest.Slug, story.Slug);
        Same("asOf", manifest.AsOf, story.AsOf);
        if (!unsigned)
        {
            Same("publishVersion", manifest.PublishVersion, story.PublishVersion);
            Same("contentVersion", manifest.ContentVersion, story.ContentVersion);
            Same("liveFrom", manifest.LiveFrom, story.LiveFrom);
            Same("liveUntil", manifest.LiveUntil, story.LiveUntil);
            Same("lastVersion", manifest.LastVersion, events.Count == 0 ? 0 : events[^1].Version);
            Same("checkpoint", manifest.Checkpoint,
                new CheckpointClaim(covering.Checkpoint.Id, covering.Checkpoint.At, covering.Checkpoint.Root, covering.Head));
        }
        return ("the files say what the manifest signed", differs.Count == 0,
            differs.Count == 0 ? "story, moment, live span, events and checkpoint" : $"differs: {string.Join(", ", differs)}");
    }

    /// <summary>
    /// The moment the bundle names lies within the live span, no later than the bundle was made, and the events
    /// are the story's history up to that moment: none after it, and the chain's next version (if the chain
    /// reaches it) after it. The span ends where the chain's next publish or unpublish says it does.
    /// </summary>
    private static (string, bool, string) LiveAtTheMoment(BundleManifest manifest, PublishedAt story, List<BundleEvent> events, List<BundleLink> links)
    {
        var asOf = Micro(story.AsOf);
        var problems = new List<string>();
        if (asOf < Micro(story.LiveFrom) || (story.LiveUntil is { } until && asOf >= Micro(until))) problems.Add("asOf is outside the live span");
        if (asOf > Micro(manifest.GeneratedAt)) problems.Add("asOf is after the bundle was made");
        if (events.Any(e => Micro(e.Timestamp) > asOf)) problems.Add("an event is later than asOf");
        var lastVersion = events.Count == 0 ? 0 : events[^1].Version;
        if (links.FirstOrDefault(l => l.Version == lastVersion + 1) is { } next && Micro(next.Timestamp) <= asOf)
            problems.Add($"version {next.Version} was already saved at asOf but is left out");
        var end = links.FirstOrDefault(l => l.Version > story.PublishVersion && l.Type is Bundle.PublishedEvent or Bundle.UnpublishedEvent);
        if (end is not null ? story.LiveUntil is not { } closed || Chain.Time(closed) != Chain.Time(end.Timestamp)
                            : story.LiveUntil is { } open && links.Count > 0 && Micro(open) <= Micro(links[^1].Timestamp))
            problems.Add("liveUntil is not where the chain's next publish or unpublish is");
        return ("the story was live at asOf with these events", problems.Count == 0,
            problems.Count == 0 ? Chain.Time(story.AsOf) : string.Join("; ", problems));
    }

    /// <summary>Times as the event store keeps them (microseconds), so comparisons do not hinge on finer ticks.</summary>
    private static DateTimeOffset Micro(DateTimeOffset at) => new(at.UtcTicks - at.UtcTicks % 10, TimeSpan.Zero);

    private static bool MatchesContent(BundleLink link, string contentHash) =>
        contentHash == link.ContentHash || (link.ErasedContentHash is not null && contentHash == link.ErasedContentHash);

    private static string SafeFingerprint(SignedCheckpoint checkpoint)
    {
        try { return checkpoint.KeyFingerprint(); }
        catch (Exception e) when (e is CryptographicException or ArgumentException) { return "(unreadable key)"; }
    }

    private static T Parse<T>(Dictionary<string, byte[]> files, string name) =>
        JsonSerializer.Deserialize<T>(files.TryGetValue(name, out var bytes) ? bytes : throw new InvalidDataException($"{name} is missing"), Bundle.Json)
        ?? throw new InvalidDataException($"{name} is empty");

    private static Dictionary<string, byte[]> Read(Stream zip)
    {
        using var archive = new ZipArchive(zip, ZipArchiveMode.Read, leaveOpen: true);
        var files = new Dictionary<string, byte[]>();
        long total = 0;
        foreach (var entry in archive.Entries)
        {
            // Two entries of one name would show one file to this check and the other to an unzip tool.
            if (files.ContainsKey(entry.FullName)) throw new InvalidDataException($"{entry.FullName} is in the bundle twice.");
            // A bundle is small; refuse anything that would unpack into something huge.
            total += entry.Length;
            if (total > 512L * 1024 * 1024) throw new InvalidDataException("The bundle unpacks to more than 512 MB.");
            using var stream = entry.Open();
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            files[entry.FullName] = buffer.ToArray();
        }
        return files;
    }

    public static string Sha256(byte[] bytes) => Chain.Hex(SHA256.HashData(bytes));
}
