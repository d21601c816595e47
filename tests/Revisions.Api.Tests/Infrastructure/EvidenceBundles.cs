using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using Revisions.Api.Http;
using Revisions.Evidence;

namespace Revisions.Api.Tests.Infrastructure;

/// <summary>Evidence bundles as the legal desk receives them, and as someone without the signing key could rework them.</summary>
public static class EvidenceBundles
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The bundle of <paramref name="story"/> at <paramref name="asOf"/> (now when null), fetched by the legal desk.</summary>
    public static async Task<byte[]> FetchAsync(ApiFixture api, string story, DateTimeOffset? asOf = null)
    {
        var legal = Newsroom.As(api.Host.Server.CreateClient(), Roles.Legal);
        var query = asOf is { } at ? $"?asOf={Uri.EscapeDataString(at.ToString("O"))}" : "";
        var response = await legal.Client.GetAsync($"/api/stories/{story}/evidence{query}");
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsByteArrayAsync();
    }

    public static SortedDictionary<string, byte[]> Unzip(byte[] zip)
    {
        using var archive = new ZipArchive(new MemoryStream(zip));
        var files = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var entry in archive.Entries)
        {
            using var read = new MemoryStream();
            entry.Open().CopyTo(read);
            files[entry.FullName] = read.ToArray();
        }
        return files;
    }

    public static byte[] Zip(IEnumerable<KeyValuePair<string, byte[]>> files)
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes) in files)
            {
                using var write = zip.CreateEntry(name).Open();
                write.Write(bytes);
            }
        }
        return output.ToArray();
    }

    public static BundleStatus Check(byte[] zip) => BundleVerifier.Verify(new MemoryStream(zip)).Status;

    public static BundleStatus Check(IEnumerable<KeyValuePair<string, byte[]>> files) => Check(Zip(files));

    /// <summary>The JSON file changed by <paramref name="change"/>.</summary>
    public static byte[] Edit(byte[] json, Action<JsonObject> change)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        change(node);
        return JsonSerializer.SerializeToUtf8Bytes(node, Indented);
    }

    /// <summary>
    /// The files with manifest.json's hashes recomputed to match them (and its claims changed by
    /// <paramref name="claims"/>), as anyone can redo an unsigned list; the signature is left as it was.
    /// </summary>
    public static SortedDictionary<string, byte[]> Rehashed(IDictionary<string, byte[]> files, Action<JsonObject>? claims = null)
    {
        var result = new SortedDictionary<string, byte[]>(files, StringComparer.Ordinal);
        result[Bundle.Manifest] = Edit(files[Bundle.Manifest], manifest =>
        {
            var hashes = new JsonObject();
            foreach (var (name, bytes) in files.Where(f => f.Key is not (Bundle.Manifest or Bundle.Signature)))
                hashes[name] = BundleVerifier.Sha256(bytes);
            manifest["files"] = hashes;
            claims?.Invoke(manifest);
        });
        return result;
    }

    /// <summary>The bundle as releases before signed manifests made it: no signature, a manifest of hashes and four claims.</summary>
    public static SortedDictionary<string, byte[]> AsMadeByAnOlderRelease(IDictionary<string, byte[]> files, Action<JsonObject>? claims = null)
    {
        var older = new SortedDictionary<string, byte[]>(files.Where(f => f.Key != Bundle.Signature).ToDictionary(), StringComparer.Ordinal);
        older[Bundle.Manifest] = Edit(files[Bundle.Manifest], manifest =>
        {
            foreach (var name in manifest.Select(m => m.Key).Where(k => k is not ("storyId" or "slug" or "asOf" or "generatedAt" or "files")).ToList())
                manifest.Remove(name);
        });
        return Rehashed(older, claims);
    }
}
