using System.Text.Json;
using Revisions.Api.Import;
using Revisions.Cli;
using Revisions.Import;

namespace Revisions.Cli.Commands;

/// <summary>
/// Splits a long history into requests the API takes: at most <see cref="ImportUploads.MaxSnapshots"/>
/// snapshots and about 3 MB each, under the API's default 4 MB request limit. Each batch is one transaction;
/// since a repeated import skips what is already stored, a failed run can simply be run again.
/// </summary>
public static class ImportBatches
{
    public const int MaxBytes = 3 * 1024 * 1024;

    public static IReadOnlyList<IReadOnlyList<Snapshot>> Split(IReadOnlyList<Snapshot> snapshots)
    {
        var batches = new List<IReadOnlyList<Snapshot>>();
        var current = new List<Snapshot>();
        long bytes = 0;
        foreach (var snapshot in snapshots)
        {
            var size = JsonSerializer.SerializeToUtf8Bytes(Envelope(snapshot), ApiClient.Json).Length;
            if (current.Count > 0 && (current.Count == ImportUploads.MaxSnapshots || bytes + size > MaxBytes))
            {
                batches.Add(current);
                current = [];
                bytes = 0;
            }
            current.Add(snapshot);
            bytes += size;
        }
        if (current.Count > 0) batches.Add(current);
        return batches;
    }

    /// <summary>A snapshot as the API's JSON import reads it; the API computes the same fingerprint from it.</summary>
    public static object Envelope(Snapshot s) => new
    {
        s.CapturedAt, s.Content.Headline, s.Content.ShortHeadline, s.Content.Standfirst, s.Content.Byline, s.Content.Body
    };
}
