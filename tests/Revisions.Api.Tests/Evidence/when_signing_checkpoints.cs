using System.Security.Cryptography;
using Revisions.Evidence;

namespace Revisions.Api.Tests.Evidence;

public class when_signing_checkpoints
{
    private static readonly DateTimeOffset At = new(2025, 5, 16, 14, 5, 0, TimeSpan.Zero);
    private const string Root = "5e2bf57d3f40c4b6df69daf1936cb766f832374b4fc0259a7cbff06e2f70f269";

    [Fact]
    public void a_checkpoint_is_signed_in_der_as_the_bundle_readme_tells_openssl_users()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var checkpoint = SignedCheckpoint.Sign(Guid.CreateVersion7(), At, Root, 3, key);

        checkpoint.VerifySignature().ShouldBeTrue();
        key.VerifyData(SignedCheckpoint.Statement(checkpoint.Id, At, Root, 3), Convert.FromBase64String(checkpoint.Signature),
            HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence).ShouldBeTrue();
        (checkpoint with { Stories = 4 }).VerifySignature().ShouldBeFalse();
    }

    [Fact]
    public void a_checkpoint_signed_by_an_earlier_release_as_r_and_s_still_verifies()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var id = Guid.CreateVersion7();
        var earlier = new SignedCheckpoint(id, At, Root, 3, key.ExportSubjectPublicKeyInfoPem(),
            Convert.ToBase64String(key.SignData(SignedCheckpoint.Statement(id, At, Root, 3), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation)));

        earlier.VerifySignature().ShouldBeTrue();
        (earlier with { Root = Root.Replace('5', '6') }).VerifySignature().ShouldBeFalse();
    }
}
