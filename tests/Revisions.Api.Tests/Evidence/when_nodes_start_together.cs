using Revisions.Api.Evidence;

namespace Revisions.Api.Tests.Evidence;

public class when_nodes_start_together
{
    [Fact]
    public async Task nodes_creating_the_signing_key_at_the_same_moment_all_load_the_same_whole_key()
    {
        var directory = Path.Combine(Path.GetTempPath(), "revisions-key-race-" + Guid.NewGuid().ToString("N"));
        var path = Path.Combine(directory, "checkpoint-signing.pem");
        try
        {
            using var start = new Barrier(16);
            var keys = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() =>
            {
                start.SignalAndWait();
                return new SigningKey(path);
            })));

            var published = keys.Select(k => Convert.ToBase64String(k.Key.ExportSubjectPublicKeyInfo())).Distinct().ToList();
            published.Count.ShouldBe(1);
            Directory.GetFiles(directory).ShouldBe([path]); // no scratch file left behind
            foreach (var key in keys) key.Dispose();
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
