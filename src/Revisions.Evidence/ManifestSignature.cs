using System.Security.Cryptography;

namespace Revisions.Evidence;

/// <summary>
/// The signature over a bundle's manifest: ECDSA P-256 / SHA-256 over the manifest file's exact bytes, in DER,
/// so that <c>openssl dgst -sha256 -verify public-key.pem -signature manifest.sig manifest.json</c> checks it.
/// A manifest (JSON, starting with <c>{</c>) can never read as a checkpoint's statement (starting with
/// <c>revisions-checkpoint-v1</c>), so one key signs both without one passing for the other.
/// </summary>
public static class ManifestSignature
{
    public static byte[] Sign(byte[] manifest, ECDsa key) =>
        key.SignData(manifest, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);

    public static bool Verify(byte[] manifest, byte[] signature, string publicKeyPem)
    {
        try
        {
            using var key = ECDsa.Create();
            key.ImportFromPem(publicKeyPem);
            return key.VerifyData(manifest, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            return false;
        }
    }
}
