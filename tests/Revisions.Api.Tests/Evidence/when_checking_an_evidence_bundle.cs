using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Revisions.Api.Evidence;
using Revisions.Api.Http;
using Revisions.Api.Tests.Infrastructure;
using Revisions.Evidence;

namespace Revisions.Api.Tests.Evidence;

/// <summary>
/// A bundle is what a court sees. Every statement it makes is covered by the signature of its manifest, so it
/// verifies if and only if nobody touched it, whichever byte of whichever file changes and whatever unsigned
/// list is redone to match.
/// </summary>
public class when_checking_an_evidence_bundle(ApiFixture api) : IClassFixture<ApiFixture>
{
    private readonly Newsroom newsroom = api.Newsroom;

    /// <summary>A story published, revised and published again, and its bundle for a moment between the two publishes.</summary>
    private async Task<(string Id, byte[] Zip)> BundleBetweenPublishes(string headline)
    {
        var id = (await newsroom.Create(SeedStory.Version(1) with { Headline = headline })).Body.Id.ToString();
        await newsroom.Publish(id, 1);
        await newsroom.Revise(id, SeedStory.Version(2) with { Headline = headline }, 2);
        await newsroom.Publish(id, 3);
        var between = (await newsroom.Versions(id)).Body[2].At; // the draft edit: the first publish is still live
        return (id, await EvidenceBundles.FetchAsync(api, id, between));
    }

    [Fact]
    public async Task a_bundle_verifies_if_and_only_if_it_is_untouched_whichever_byte_of_whichever_file_changes()
    {
        var (_, zip) = await BundleBetweenPublishes("Every byte counts");
        var files = EvidenceBundles.Unzip(zip);
        EvidenceBundles.Check(zip).ShouldBe(BundleStatus.Verified);
        EvidenceBundles.Check(files).ShouldBe(BundleStatus.Verified, "zipped again, the same files");
        files.Keys.ShouldBe([.. Bundle.Contents.Append(Bundle.Manifest).Append(Bundle.Signature).Order(StringComparer.Ordinal)]);

        var random = new Random(19);
        var tried = 0;
        foreach (var (name, bytes) in files)
        {
            var n = bytes.Length;
            var positions = new[] { 0, 1, n / 3, n / 2, 2 * n / 3, n - 2, n - 1 }
                .Concat(Enumerable.Range(0, 5).Select(_ => random.Next(n)))
                .Where(p => p >= 0 && p < n).Distinct();
            foreach (var position in positions)
            {
                var altered = new SortedDictionary<string, byte[]>(files, StringComparer.Ordinal) { [name] = Flip(bytes, position) };
                EvidenceBundles.Check(altered).ShouldBe(BundleStatus.Failed, $"{name}, byte {position}");
                if (name is Bundle.Manifest or Bundle.Signature) continue;
                EvidenceBundles.Check(EvidenceBundles.Rehashed(altered)).ShouldBe(BundleStatus.Failed, $"{name}, byte {position}, manifest redone");
                EvidenceBundles.Check(EvidenceBundles.AsMadeByAnOlderRelease(altered)).ShouldNotBe(BundleStatus.Verified,
                    $"{name}, byte {position}, passed off as an older bundle");
                tried++;
            }
        }
        tried.ShouldBeGreaterThan(50);

        foreach (var name in files.Keys)
        {
            var without = new SortedDictionary<string, byte[]>(files, StringComparer.Ordinal);
            without.Remove(name);
            EvidenceBundles.Check(without).ShouldBe(BundleStatus.Failed, $"{name} removed");
            if (name is Bundle.Manifest or Bundle.Signature) continue;
            EvidenceBundles.Check(EvidenceBundles.Rehashed(without)).ShouldBe(BundleStatus.Failed, $"{name} removed, manifest redone");
        }

        var added = new SortedDictionary<string, byte[]>(files, StringComparer.Ordinal) { ["note.txt"] = "Seen and approved."u8.ToArray() };
        EvidenceBundles.Check(added).ShouldBe(BundleStatus.Failed, "a file added");
        EvidenceBundles.Check(EvidenceBundles.Rehashed(added)).ShouldBe(BundleStatus.Failed, "a file added, manifest redone");
        EvidenceBundles.Check(files.Append(new(Bundle.Story, files[Bundle.Story]))).ShouldBe(BundleStatus.Failed, "story.json in the zip twice");
    }

    [Theory]
    [InlineData("2001-05-16T14:05:00Z")]
    [InlineData("2030-05-16T14:05:00Z")]
    public async Task a_bundle_whose_moment_was_moved_fails_even_with_its_manifest_redone(string moved)
    {
        var (_, zip) = await BundleBetweenPublishes($"Moved to {moved[..4]}");
        var files = EvidenceBundles.Unzip(zip);
        files[Bundle.Story] = EvidenceBundles.Edit(files[Bundle.Story], story => story["asOf"] = moved);

        EvidenceBundles.Check(files).ShouldBe(BundleStatus.Failed);
        EvidenceBundles.Check(EvidenceBundles.Rehashed(files)).ShouldBe(BundleStatus.Failed);
        EvidenceBundles.Check(EvidenceBundles.Rehashed(files, manifest => manifest["asOf"] = moved)).ShouldBe(BundleStatus.Failed);
        var report = BundleVerifier.Verify(new MemoryStream(EvidenceBundles.Zip(EvidenceBundles.Rehashed(files, manifest => manifest["asOf"] = moved))));
        report.Checks.Single(c => c.Check == VerificationReport.SignatureCheck).Passed.ShouldBeFalse();
    }

    [Fact]
    public async Task a_bundle_whose_readme_was_rewritten_fails_even_with_its_manifest_redone()
    {
        var (_, zip) = await BundleBetweenPublishes("README rewritten");
        var files = EvidenceBundles.Unzip(zip);
        var readme = Encoding.UTF8.GetString(files[Bundle.Readme]);
        files[Bundle.Readme] = Encoding.UTF8.GetBytes(readme.Replace("This bundle records", "This bundle, certified by the court, records"));

        EvidenceBundles.Check(EvidenceBundles.Rehashed(files)).ShouldBe(BundleStatus.Failed);
    }

    [Fact]
    public async Task a_bundle_made_before_bundles_were_signed_is_reported_as_unsigned_never_as_verified()
    {
        var (id, zip) = await BundleBetweenPublishes("Older bundle");
        var older = EvidenceBundles.AsMadeByAnOlderRelease(EvidenceBundles.Unzip(zip));

        var report = BundleVerifier.Verify(new MemoryStream(EvidenceBundles.Zip(older)));
        report.Status.ShouldBe(BundleStatus.Unsigned);
        report.Passed.ShouldBeFalse();
        report.Checks.Where(c => !c.Passed).Select(c => c.Check).ShouldBe([VerificationReport.SignatureCheck]);

        // What its history shows still counts: a moment outside the live span fails outright...
        older[Bundle.Story] = EvidenceBundles.Edit(older[Bundle.Story], story => story["asOf"] = "2001-05-16T14:05:00Z");
        EvidenceBundles.Check(EvidenceBundles.Rehashed(older, manifest => manifest["asOf"] = "2001-05-16T14:05:00Z")).ShouldBe(BundleStatus.Failed);

        // ...while a moment nothing in it can refute (the story is still live) is what only a signature vouches for.
        var live = EvidenceBundles.AsMadeByAnOlderRelease(EvidenceBundles.Unzip(await EvidenceBundles.FetchAsync(api, id)));
        live[Bundle.Story] = EvidenceBundles.Edit(live[Bundle.Story], story => story["asOf"] = "2030-05-16T14:05:00Z");
        EvidenceBundles.Check(EvidenceBundles.Rehashed(live, manifest =>
        {
            manifest["asOf"] = "2030-05-16T14:05:00Z";
            manifest["generatedAt"] = "2030-05-17T09:00:00Z";
        })).ShouldBe(BundleStatus.Unsigned);
    }

    [Fact]
    public async Task even_a_signed_bundle_must_agree_with_the_events_it_carries()
    {
        var (_, zip) = await BundleBetweenPublishes("Signed but inconsistent");
        var key = api.Host.Services.GetRequiredService<SigningKey>();
        var files = EvidenceBundles.Unzip(zip);
        var liveFrom = JsonNode.Parse(files[Bundle.Story])!["liveFrom"]!.GetValue<DateTimeOffset>();
        var before = liveFrom.AddMinutes(-1).ToString("O");

        // The key's holder signs a bundle whose moment precedes the publish it shows.
        files[Bundle.Story] = EvidenceBundles.Edit(files[Bundle.Story], story => story["asOf"] = before);
        var forged = EvidenceBundles.Rehashed(files, manifest => manifest["asOf"] = before);
        forged[Bundle.Signature] = ManifestSignature.Sign(forged[Bundle.Manifest], key.Key);

        var report = BundleVerifier.Verify(new MemoryStream(EvidenceBundles.Zip(forged)));
        report.Checks.Single(c => c.Check == VerificationReport.SignatureCheck).Passed.ShouldBeTrue();
        report.Status.ShouldBe(BundleStatus.Failed);
        report.Checks.Where(c => !c.Passed).Select(c => c.Check).ShouldBe(["the story was live at asOf with these events"]);
    }

    [Fact]
    public async Task the_manifest_signs_every_claim_of_the_bundle()
    {
        var (id, zip) = await BundleBetweenPublishes("Claims signed");
        var files = EvidenceBundles.Unzip(zip);
        var manifest = JsonSerializer.Deserialize<BundleManifest>(files[Bundle.Manifest], Bundle.Json)!;
        var story = JsonSerializer.Deserialize<PublishedAt>(files[Bundle.Story], Bundle.Json)!;
        var covering = JsonSerializer.Deserialize<BundleCheckpoint>(files[Bundle.Checkpoint], Bundle.Json)!;

        manifest.Format.ShouldBe(Bundle.SignedFormat);
        manifest.StoryId.ShouldBe(Guid.Parse(id));
        (manifest.AsOf, manifest.LiveFrom, manifest.LiveUntil, manifest.PublishVersion, manifest.ContentVersion)
            .ShouldBe((story.AsOf, story.LiveFrom, story.LiveUntil, story.PublishVersion, story.ContentVersion));
        manifest.LiveUntil.ShouldNotBeNull();
        manifest.LastVersion.ShouldBe(3);
        manifest.Checkpoint.ShouldBe(new CheckpointClaim(covering.Checkpoint.Id, covering.Checkpoint.At, covering.Checkpoint.Root, covering.Head));
        manifest.Files.Keys.ShouldBe(Bundle.Contents, ignoreOrder: true);

        using var key = ECDsa.Create();
        key.ImportFromPem(Encoding.UTF8.GetString(files[Bundle.PublicKey]));
        key.VerifyData(files[Bundle.Manifest], files[Bundle.Signature], HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence)
            .ShouldBeTrue("the signature is DER over the manifest's bytes, as OpenSSL checks it");
    }

    [Fact]
    public async Task a_bundle_relies_only_on_a_checkpoint_signed_with_the_key_that_signs_its_manifest()
    {
        var id = (await newsroom.Create(SeedStory.Version(1) with { Headline = "Key rotated" })).Body.Id.ToString();
        await newsroom.Publish(id, 1);
        // A checkpoint signed before the key was replaced covers the story's whole history.
        using (var earlierKey = ECDsa.Create(ECCurve.NamedCurves.nistP256))
        await using (var session = api.Store.LightweightSession())
        {
            var heads = await Checkpoints.HeadsAsync(session, CancellationToken.None);
            var signed = SignedCheckpoint.Sign(Guid.CreateVersion7(), DateTimeOffset.UtcNow, Merkle.Root(heads), heads.Count, earlierKey);
            session.Store(new IntegrityCheckpoint
            {
                Id = signed.Id, At = signed.At, Root = signed.Root, Stories = signed.Stories, PublicKeyPem = signed.PublicKeyPem,
                Signature = signed.Signature, Heads = heads
            });
            await session.SaveChangesAsync();
        }

        var zip = await EvidenceBundles.FetchAsync(api, id);
        EvidenceBundles.Check(zip).ShouldBe(BundleStatus.Verified);
        var key = api.Host.Services.GetRequiredService<SigningKey>();
        Encoding.UTF8.GetString(EvidenceBundles.Unzip(zip)[Bundle.PublicKey]).Trim().ShouldBe(key.PublicKeyPem.Trim());
    }

    [Fact]
    public async Task a_moment_still_to_come_has_no_bundle()
    {
        var id = (await newsroom.Create(SeedStory.Version(1) with { Headline = "Future moment" })).Body.Id.ToString();
        await newsroom.Publish(id, 1);
        var legal = Newsroom.As(api.Host.Server.CreateClient(), Roles.Legal);

        var answer = await legal.Get<JsonElement>($"/api/stories/{id}/evidence?asOf=2999-01-01T00:00:00Z");
        answer.Status.ShouldBe(HttpStatusCode.BadRequest);
        answer.Problem!.Title!.ShouldContain("future");
    }

    private static byte[] Flip(byte[] bytes, int position)
    {
        var copy = (byte[])bytes.Clone();
        copy[position] ^= 0x01;
        return copy;
    }
}
