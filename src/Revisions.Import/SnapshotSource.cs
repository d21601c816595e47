using System.Text;

namespace Revisions.Import;

/// <summary>
/// One file (or file-like input) of a batch. <see cref="Name"/> appears in every error and may carry a capture
/// time (see <see cref="CaptureTimes.TryParseFileName"/>). <see cref="Open"/> is called once; the parser disposes the stream.
/// </summary>
public sealed record SnapshotSource(string Name, Func<Stream> Open)
{
    /// <summary>The extensions a folder import reads; anything else in the folder (notes, .DS_Store) is left alone.</summary>
    public static IReadOnlyList<string> Extensions { get; } = [".txt", ".json", ".ndjson", ".jsonl"];

    public static SnapshotSource FromBytes(string name, byte[] bytes) => new(name, () => new MemoryStream(bytes, writable: false));

    public static SnapshotSource FromText(string name, string text) => FromBytes(name, Encoding.UTF8.GetBytes(text));

    /// <summary>Wraps an open stream; the parser takes ownership of it and disposes it.</summary>
    public static SnapshotSource FromStream(string name, Stream stream) => new(name, () => stream);

    public static SnapshotSource FromFile(string path) =>
        new(path, () => new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan));

    /// <summary>The files in the order given; that order is the snapshots' order when they carry no capture times.</summary>
    public static IReadOnlyList<SnapshotSource> FromFiles(IEnumerable<string> paths) => paths.Select(FromFile).ToList();

    /// <summary>
    /// Every .txt/.json/.ndjson/.jsonl file directly in <paramref name="folder"/>, each one snapshot (or, for
    /// JSON lines, a series), ordered by file name (ordinal, so zero-padded or ISO-timestamped names sort by time).
    /// </summary>
    public static IReadOnlyList<SnapshotSource> FromFolder(string folder) =>
        FromFiles(Directory.EnumerateFiles(folder)
            .Where(p => Extensions.Contains(Path.GetExtension(p), StringComparer.OrdinalIgnoreCase))
            .Where(p => !Path.GetFileName(p).StartsWith('.'))
            .Order(StringComparer.Ordinal));
}
