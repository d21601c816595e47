using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Revisions.Evidence;

/// <summary>What verifying a bundle found: every check in order, and whether all passed.</summary>
public sealed record VerificationReport(IReadOnlyList<(string Check, bool Passed, string Detail)> Checks)
{
    public bool Passed => Checks.Count > 0 && Checks.All(c => c.Passed);
}

/// <summary>
/// Checks an evidence bundle with nothing but the bundle: file hashes, each event's content hash, the hash
/// chain, the story's head in the signed checkpoint's Merkle tree, the signature, and that the published
/// story and its page are exactly the content of the publish event they name.
/// </summary>
public static class BundleVerifier
{
    public static VerificationReport Verify(Stream zip)
    {
        var checks = new List<(string, bool, string)>();
        try
        {
            var files = Read(zip);
            Run(files, checks);
        }
        catch (Exception e)
        {
            // A bundle is hostile input: whatever makes it unreadable is a failed verification, never a crash.
            checks.Add(("bundle readable", false, e.Message));
        }
        return new VerificationReport(checks);
    }

    private static void Run(Dictionary<string, byte[]> files, List<(string, bool, string)> checks)
    {
        var manifest = Parse<BundleManifest>(files, Bundle.Manifest);
        var listed = manifest.Files.Keys.Append(Bundle.Manifest).ToHashSet();
        var extra = files.Keys.Where(f => !listed.Contains(f)).ToList();
        var wrong = manifest.Files.Where(f => !files.TryGetValue(f.Key, out var bytes) || Sha256(bytes) != f.Value).Select(f => f.Key).ToList();
        checks.Add(("files match the manifest", wrong.Count == 0 && extra.Count == 0,
            wrong.Count + extra.Count == 0 ? $"{manifest.Files.Count} files" : $"changed or missing: {string.Join(", ", wrong.Concat(extra))}"));

        var events = Parse<List<BundleEvent>>(files, Bundle.Events);
        var links = Parse<List<BundleLink>>(files, Bundle.ChainFile);
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
        foreach (var link in links.OrderBy(l => l.Version))
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
        var last = links.OrderBy(l => l.Version).LastOrDefault();
        var headMatches = last is not null && covering.Head.StoryId == manifest.StoryId
                          && covering.Head.Version == last.Version && covering.Head.Hash == last.Hash;
        checks.Add(("chain ends at the checkpoint's head", headMatches,
            headMatches ? $"version {last!.Version}" : "the checkpoint names another head"));
        checks.Add(("head is in the checkpoint's Merkle root", Merkle.Verify(covering.Head, covering.Proof, covering.Checkpoint.Root),
            covering.Checkpoint.Root));
        var keyFile = Encoding.UTF8.GetString(files[Bundle.PublicKey]).Trim();
        checks.Add(("checkpoint signature is valid", covering.Checkpoint.VerifySignature() && keyFile == covering.Checkpoint.PublicKeyPem.Trim(),
            $"key fingerprint {SafeFingerprint(covering.Checkpoint)}"));

        var story = Parse<PublishedAt>(files, Bundle.Story);
        var publish = events.FirstOrDefault(e => e.Version == story.PublishVersion);
        var sameContent = publish is not null && publish.Data.TryGetProperty("content", out var content)
                          && CanonicalJson.Canonicalize(content).AsSpan().SequenceEqual(CanonicalJson.Canonicalize(story.Content))
                          && Chain.Time(publish.Timestamp) == Chain.Time(story.LiveFrom);
        checks.Add(("story is the content of its publish event", sameContent, $"publish version {story.PublishVersion}"));
        var pageMatches = files.TryGetValue(Bundle.StoryHtml, out var html) && Encoding.UTF8.GetString(html) == EvidenceHtml.Render(story);
        checks.Add(("page is the story as published", pageMatches, Bundle.StoryHtml));
    }

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
