using Revisions.Domain.Stories;

namespace Revisions.Import;

/// <summary>
/// Entry point: turns files into snapshots, all or nothing. The format of each file is recognised from its
/// content (JSON when its first non-blank character is '{' or '['; otherwise the text shapes), not its name.
/// </summary>
public static class SnapshotParser
{
    /// <summary>
    /// Parses every source. When any source has a problem the result carries every problem found (one per
    /// failing file, or one per content rule broken) and no snapshots at all, so a batch is never half-imported.
    /// Snapshots come back in input order (files in the order given, snapshots in file order), unless every one
    /// has a capture time, in which case they are ordered by it (stable, so equal times keep input order).
    /// </summary>
    public static ImportResult ParseBatch(IEnumerable<SnapshotSource> sources, ImportOptions? options = null)
    {
        options ??= ImportOptions.Default;
        var snapshots = new List<Snapshot>();
        var errors = new List<ImportError>();
        var any = false;
        foreach (var source in sources)
        {
            any = true;
            try
            {
                snapshots.AddRange(ParseSource(source, options));
            }
            catch (ImportException e)
            {
                errors.AddRange(e.Errors);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                errors.Add(new ImportError(source.Name, null, $"The file cannot be read: {e.Message}"));
            }
        }
        if (!any) errors.Add(new ImportError("(batch)", null, "Nothing to import: the batch has no files."));
        if (errors.Count > 0) return ImportResult.Failure(errors);

        return ImportResult.Success(snapshots.All(s => s.CapturedAt is not null)
            ? snapshots.OrderBy(s => s.CapturedAt).ToList()
            : snapshots);
    }

    public static ImportResult ParseBatch(IEnumerable<(string Name, byte[] Bytes)> files, ImportOptions? options = null) =>
        ParseBatch(files.Select(f => SnapshotSource.FromBytes(f.Name, f.Bytes)), options);

    public static ImportResult ParseBatch(IEnumerable<(string Name, Stream Stream)> files, ImportOptions? options = null) =>
        ParseBatch(files.Select(f => SnapshotSource.FromStream(f.Name, f.Stream)), options);

    /// <summary>Parses one file; throws <see cref="ImportException"/> naming the file and line of every problem.</summary>
    public static IReadOnlyList<Snapshot> Parse(string name, Stream stream, ImportOptions? options = null) =>
        ParseBatch([SnapshotSource.FromStream(name, stream)], options).SnapshotsOrThrow();

    /// <inheritdoc cref="Parse(string, Stream, ImportOptions?)"/>
    public static IReadOnlyList<Snapshot> Parse(string name, string text, ImportOptions? options = null) =>
        ParseBatch([SnapshotSource.FromText(name, text)], options).SnapshotsOrThrow();

    private static List<Snapshot> ParseSource(SnapshotSource source, ImportOptions options)
    {
        List<SourceLine> lines;
        using (var stream = source.Open())
            lines = LineReader.Read(source.Name, stream, options);

        var drafts = JsonSnapshotParser.LooksLikeJson(lines)
            ? JsonSnapshotParser.Parse(source.Name, lines)
            : TextSnapshotParser.Parse(source.Name, lines);

        // A time in the file name dates the one capture the file holds; it cannot date several.
        if (CaptureTimes.TryParseFileName(source.Name, out var named))
        {
            var undated = drafts.Where(d => d.CapturedAt is null).ToList();
            if (undated.Count > 1)
                throw new ImportException(source.Name, undated[1].Line,
                    $"The file name gives one capture time but the file holds {undated.Count} snapshots without capturedAt; split the file or add capturedAt to each.");
            drafts = drafts.Select(d => d.CapturedAt is null ? d with { CapturedAt = named } : d).ToList();
        }

        var errors = new List<ImportError>();
        var snapshots = new List<Snapshot>();
        foreach (var draft in drafts)
        {
            var content = draft.Content.Normalised();
            var problems = ContentRules.Check(content, options.Limits);
            errors.AddRange(problems.Select(p => new ImportError(source.Name, draft.LineOf(p.Field), p.Message)));
            snapshots.Add(new Snapshot(content, draft.CapturedAt, source.Name, draft.Line));
        }
        return errors.Count > 0 ? throw new ImportException(errors) : snapshots;
    }
}
