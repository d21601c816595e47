using System.Security.Cryptography;
using System.Text;

namespace Revisions.Evidence;

/// <summary>One story's head at a checkpoint: its last version and that version's link hash.</summary>
public sealed record Head(Guid StoryId, long Version, string Hash)
{
    public byte[] Leaf() => Merkle.LeafHash(Encoding.UTF8.GetBytes($"{StoryId:N}:{Version}:{Hash}"));
}

/// <summary>A step of an inclusion proof: the sibling hash and whether it sits on the left.</summary>
public sealed record ProofStep(string Sibling, bool Left);

/// <summary>
/// A Merkle tree over story heads, ordered by story id, with domain-separated leaf and node hashes
/// (as in RFC 6962) so a leaf can never pass for a node. An odd node is carried up unpaired.
/// </summary>
public static class Merkle
{
    public static byte[] LeafHash(byte[] data) => SHA256.HashData([0x00, .. data]);

    private static byte[] NodeHash(byte[] left, byte[] right) => SHA256.HashData([0x01, .. left, .. right]);

    public static IReadOnlyList<Head> Order(IEnumerable<Head> heads) => heads.OrderBy(h => h.StoryId.ToString("N"), StringComparer.Ordinal).ToList();

    public static string Root(IReadOnlyList<Head> ordered)
    {
        if (ordered.Count == 0) return Chain.Hex(SHA256.HashData([]));
        var level = ordered.Select(h => h.Leaf()).ToList();
        while (level.Count > 1) level = Up(level);
        return Chain.Hex(level[0]);
    }

    public static IReadOnlyList<ProofStep> Proof(IReadOnlyList<Head> ordered, int index)
    {
        var proof = new List<ProofStep>();
        var level = ordered.Select(h => h.Leaf()).ToList();
        while (level.Count > 1)
        {
            var sibling = index ^ 1;
            if (sibling < level.Count) proof.Add(new ProofStep(Chain.Hex(level[sibling]), Left: sibling < index));
            index /= 2;
            level = Up(level);
        }
        return proof;
    }

    public static bool Verify(Head head, IReadOnlyList<ProofStep> proof, string root)
    {
        var hash = head.Leaf();
        foreach (var step in proof)
        {
            var sibling = Convert.FromHexString(step.Sibling);
            hash = step.Left ? NodeHash(sibling, hash) : NodeHash(hash, sibling);
        }
        return Chain.Hex(hash) == root;
    }

    private static List<byte[]> Up(List<byte[]> level)
    {
        var next = new List<byte[]>((level.Count + 1) / 2);
        for (var i = 0; i < level.Count; i += 2)
            next.Add(i + 1 < level.Count ? NodeHash(level[i], level[i + 1]) : level[i]);
        return next;
    }
}
