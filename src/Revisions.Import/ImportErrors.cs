namespace Revisions.Import;

/// <summary>
/// One reason an import was refused. <paramref name="Line"/> is 1-based; it is null only when the problem
/// belongs to the file as a whole (it cannot be opened, it is empty, or the batch itself is empty).
/// </summary>
public sealed record ImportError(string File, int? Line, string Message)
{
    public override string ToString() => Line is { } line ? $"{File}, line {line}: {Message}" : $"{File}: {Message}";
}

/// <summary>
/// Thrown when a batch cannot be imported. Nothing from the batch is returned with it, so a caller can never
/// store half of a story's history. <see cref="File"/> and <see cref="Line"/> point at the first problem;
/// <see cref="Errors"/> lists every problem found.
/// </summary>
public sealed class ImportException : Exception
{
    public ImportException(IReadOnlyList<ImportError> errors)
        : base(Describe(errors))
    {
        if (errors.Count == 0) throw new ArgumentException("An import failure needs at least one error.", nameof(errors));
        Errors = errors;
    }

    public ImportException(string file, int? line, string message) : this([new ImportError(file, line, message)]) { }

    public IReadOnlyList<ImportError> Errors { get; }
    public string File => Errors[0].File;
    public int? Line => Errors[0].Line;

    private static string Describe(IReadOnlyList<ImportError> errors) => errors.Count switch
    {
        0 => "The import failed.",
        1 => $"Nothing was imported. {errors[0]}",
        _ => $"Nothing was imported; {errors.Count} problems were found. {string.Join(" | ", errors.Take(10))}"
    };
}

/// <summary>
/// The outcome of parsing a batch: either every snapshot and no errors, or errors and no snapshots.
/// The constructor is private so that a partial result cannot be built.
/// </summary>
public sealed class ImportResult
{
    private ImportResult(IReadOnlyList<Snapshot> snapshots, IReadOnlyList<ImportError> errors)
    {
        Snapshots = snapshots;
        Errors = errors;
    }

    public IReadOnlyList<Snapshot> Snapshots { get; }
    public IReadOnlyList<ImportError> Errors { get; }
    public bool Succeeded => Errors.Count == 0;

    public static ImportResult Success(IReadOnlyList<Snapshot> snapshots) => new(snapshots, []);

    public static ImportResult Failure(IReadOnlyList<ImportError> errors) =>
        errors.Count == 0
            ? throw new ArgumentException("A failed import needs at least one error.", nameof(errors))
            : new([], errors);

    /// <summary>The snapshots, or an <see cref="ImportException"/> carrying every error.</summary>
    public IReadOnlyList<Snapshot> SnapshotsOrThrow() => Succeeded ? Snapshots : throw new ImportException(Errors);
}
