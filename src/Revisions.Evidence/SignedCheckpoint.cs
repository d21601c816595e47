using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Revisions.Evidence;

/// <summary>
/// A statement, signed with ECDSA P-256 / SHA-256, that at <see cref="At"/> the heads of all stories had
/// Merkle root <see cref="Root"/>. The public key travels with it; its fingerprint is what a court compares
/// with the key the newsroom published.
/// </summary>
public sealed record SignedCheckpoint(Guid Id, DateTimeOffset At, string Root, int Stories, string PublicKeyPem, string Signature)
{
    public static byte[] Statement(Guid id, DateTimeOffset at, string root, int stories) =>
        Encoding.UTF8.GetBytes(string.Join('\n', "revisions-checkpoint-v1", id.ToString("N"), Chain.Time(at), root,
            stories.ToString(CultureInfo.InvariantCulture)));

    /// <summary>Signs in DER (RFC 3279), the encoding OpenSSL and most tools read.</summary>
    public static SignedCheckpoint Sign(Guid id, DateTimeOffset at, string root, int stories, ECDsa key) =>
        new(id, at, root, stories, key.ExportSubjectPublicKeyInfoPem(),
            Convert.ToBase64String(key.SignData(Statement(id, at, root, stories), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence)));

    /// <summary>
    /// Checks the signature in DER, or as the 64 bytes r‖s (IEEE P1363) that checkpoints signed by earlier
    /// releases carry: both encode the same signature.
    /// </summary>
    public bool VerifySignature() => Verifies(DSASignatureFormat.Rfc3279DerSequence) || Verifies(DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

    /// <summary>Whether the signature is in DER (checkpoints signed by earlier releases hold r‖s).</summary>
    public bool IsSignedInDer() => Verifies(DSASignatureFormat.Rfc3279DerSequence);

    private bool Verifies(DSASignatureFormat format)
    {
        try
        {
            using var key = ECDsa.Create();
            key.ImportFromPem(PublicKeyPem);
            return key.VerifyData(Statement(Id, At, Root, Stories), Convert.FromBase64String(Signature), HashAlgorithmName.SHA256, format);
        }
        catch (Exception e) when (e is FormatException or CryptographicException or ArgumentException)
        {
            return false;
        }
    }

    /// <summary>SHA-256 of the public key (SubjectPublicKeyInfo DER), hex.</summary>
    public string KeyFingerprint()
    {
        using var key = ECDsa.Create();
        key.ImportFromPem(PublicKeyPem);
        return Chain.Hex(SHA256.HashData(key.ExportSubjectPublicKeyInfo()));
    }
}
