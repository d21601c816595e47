using Revisions.Api.Tests.Infrastructure;

namespace Revisions.Cli.Tests;

public class when_verifying_evidence(ApiFixture api) : IClassFixture<ApiFixture>
{
    private readonly CommandLine revisions = new(api);

    private async Task<byte[]> Bundle(string headline)
    {
        var id = (await api.Newsroom.Create(SeedStory.Version(1) with { Headline = headline })).Body.Id.ToString();
        await api.Newsroom.Publish(id, 1);
        return await EvidenceBundles.FetchAsync(api, id);
    }

    private async Task<Run> VerifyFile(byte[] bundle)
    {
        var path = Path.Combine(Path.GetTempPath(), $"bundle-{Guid.NewGuid():N}.zip");
        await File.WriteAllBytesAsync(path, bundle);
        try
        {
            return await revisions.Run("verify", path);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task a_lawyer_verifies_a_bundle_with_nothing_but_the_file()
    {
        var path = Path.Combine(Path.GetTempPath(), $"bundle-{Guid.NewGuid():N}.zip");
        await File.WriteAllBytesAsync(path, await Bundle("Bundle checked offline"));
        try
        {
            var run = await revisions.Run("verify", path);
            run.ExitCode.ShouldBe(0, run.Out + run.Error);
            run.Out.ShouldContain("checkpoint signature is valid");
            run.Out.ShouldContain("verified.");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task a_damaged_bundle_fails_with_exit_code_6()
    {
        var bytes = await Bundle("Bundle damaged");
        bytes[bytes.Length / 3] ^= 0x20;
        var path = Path.Combine(Path.GetTempPath(), $"bundle-{Guid.NewGuid():N}.zip");
        await File.WriteAllBytesAsync(path, bytes);
        try
        {
            var run = await revisions.Run("verify", path);
            run.ExitCode.ShouldBe(6);
            run.Out.ShouldContain("NOT verified");
        }
        finally
        {
            File.Delete(path);
        }
        (await revisions.Run("verify", "/no/such/bundle.zip")).ExitCode.ShouldBe(2);
    }

    [Fact]
    public async Task a_bundle_whose_moment_was_moved_and_manifest_redone_fails_with_exit_code_6()
    {
        var files = EvidenceBundles.Unzip(await Bundle("Bundle moved to 2001"));
        files["story.json"] = EvidenceBundles.Edit(files["story.json"], story => story["asOf"] = "2001-05-16T14:05:00Z");

        var run = await VerifyFile(EvidenceBundles.Zip(EvidenceBundles.Rehashed(files, manifest => manifest["asOf"] = "2001-05-16T14:05:00Z")));
        run.ExitCode.ShouldBe(6, run.Out);
        run.Out.ShouldContain("FAIL  manifest is signed with the checkpoint's key");
        run.Out.ShouldContain("NOT verified");
    }

    [Fact]
    public async Task a_bundle_made_before_bundles_were_signed_exits_with_8_not_0()
    {
        var older = EvidenceBundles.AsMadeByAnOlderRelease(EvidenceBundles.Unzip(await Bundle("Bundle from an older release")));

        var run = await VerifyFile(EvidenceBundles.Zip(older));
        run.ExitCode.ShouldBe(8, run.Out);
        run.Out.ShouldContain("NOT fully verified");
    }

    [Fact]
    public async Task the_store_is_verified_through_the_api()
    {
        await Bundle("Store verified");
        var run = await revisions.Run("verify");
        run.ExitCode.ShouldBe(0, run.Out + run.Error);
        run.Out.ShouldContain("The store verified.");
    }
}
