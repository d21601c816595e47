using JasperFx;
using Marten;
using Revisions.Api.Hosting;
using Revisions.Api.Http;
using Revisions.Api.Stories;
using Revisions.Domain.Stories;
using Revisions.Import;
using Wolverine.Http;

namespace Revisions.Api.Import;

/// <summary>The outcome of an import: the story, its version now, and what was added or recognised.</summary>
public sealed record ImportReport(Guid StoryId, string Slug, int Version, int Imported, int Skipped, IReadOnlyList<ImportedVersion> Versions);

public static class ImportSnapshotsEndpoint
{
    /// <summary>
    /// Imports archived captures of one story (page renders, CMS exports, JSON) as versions, in one transaction.
    /// Without <c>story</c> it starts a new story (201), unless the captures were imported before, in which case
    /// it continues that story. Snapshots already imported are recognised by fingerprint and skipped, so running
    /// the same import twice adds nothing. A batch with any invalid snapshot is refused whole (400, or 413 when
    /// too large), every problem named by file and line.
    /// </summary>
    [WolverinePost("/api/import", OperationId = "ImportSnapshots")]
    [Tags("Import")]
    public static async Task<IResult> Post(string? story, string? slug, string? note, string? name,
        HttpContext context, IDocumentSession session, IConfiguration configuration, CancellationToken cancellation)
    {
        if (!Editors.TryGet(context, out var editor, out var editorProblem)) return editorProblem!;
        var (key, earlier, keyProblem) = await Idempotency.BeginAsync(context, session, cancellation);
        if (keyProblem is not null) return keyProblem;
        if (earlier is not null) return Idempotency.Replay(context, earlier);
        if (!Versions.TryGetExpected(context, null, out var expected, out var versionProblem)) return versionProblem!;

        var limit = configuration.GetValue<long?>("Revisions:MaxRequestBytes") ?? 4 * 1024 * 1024;
        var (body, tooLarge) = await ImportBodies.ReadAsync(context.Request, limit, name ?? "request", cancellation);
        if (tooLarge is not null) return tooLarge;

        var (upload, problem) = ImportUploads.Read(body!, context.Request.ContentType, new ImportQuery(story, slug, note, name));
        if (problem is not null) return problem;
        if (upload!.Slug is not null && !Slug.IsValid(upload.Slug))
            return Problems.BadRequest("The slug is not valid",
                $"A slug is 1 to {Slug.MaxLength} lower-case letters, digits and single hyphens, such as 'istanbul-talks-resume'.");

        var fingerprints = upload.Snapshots.Select(s => s.Fingerprint).Distinct().ToArray();
        Story? target;
        if (upload.Story is not null)
        {
            target = await StoryLookup.FindAsync(session, upload.Story, cancellation);
            if (target is null) return Problems.NotFound(StoryLookup.Missing(upload.Story));
        }
        else
        {
            target = await StoryHoldingAnyAsync(session, fingerprints, cancellation);
        }
        if (target is not null && expected is not null && expected != target.Version)
            return key is not null && (await key.FindAsync(session, cancellation)).Earlier is { } committed
                ? Idempotency.Replay(context, committed)
                : Problems.Conflict(target, expected);

        return target is null
            ? await StartAsync(context, session, upload, editor, key, cancellation)
            : await ContinueAsync(context, session, target, upload, editor, key, cancellation);
    }

    private static async Task<IResult> StartAsync(HttpContext context, IDocumentSession session, ImportUpload upload, string editor, Idempotency? key, CancellationToken cancellation)
    {
        var wanted = upload.Slug ?? Slug.FromHeadline(upload.Snapshots[0].Content.Headline);
        var slug = upload.Slug ?? await StorySlugs.FreeAsync(session, wanted, cancellation);
        if (slug is null || await StorySlugs.TakenAsync(session, slug, cancellation))
            return Problems.Conflict("The slug is taken", $"Another story already uses the slug '{wanted}'; name a free one with \"slug\".");

        var id = Guid.CreateVersion7();
        var plan = ImportPlans.Decide(null, id, slug, upload.Snapshots, new HashSet<string>(), SourceOf(upload), editor, upload.Note);
        session.Events.StartStream<Story>(id, plan.Events);
        var report = Report(id, slug, plan.Versions[^1].Version, plan);
        key?.Remember(session, new IdempotencyRecord
        {
            Status = 201, Location = $"/api/stories/{id}", StoryId = id, ToVersion = report.Version, Body = Idempotency.Json(context, report)
        });
        try
        {
            await session.SaveChangesAsync(cancellation);
        }
        catch (Exception e) when (Database.IsUniqueViolation(e))
        {
            // The slug or this request's key was taken meanwhile; if by a request with the same key, answer as it did.
            if (key is not null && (await key.FindAsync(session, cancellation)).Earlier is { } committed)
                return Idempotency.Replay(context, committed);
            return Problems.Conflict("The slug is taken", $"Another story took the slug '{slug}' a moment ago; import again.");
        }
        Versions.SetETag(context, report.Version);
        return Results.Created($"/api/stories/{id}", report);
    }

    private static async Task<IResult> ContinueAsync(HttpContext context, IDocumentSession session, Story story, ImportUpload upload, string editor, Idempotency? key, CancellationToken cancellation)
    {
        var known = await session.Query<StoryVersion>()
            .Where(v => v.StoryId == story.Id && v.Fingerprint != null)
            .Select(v => v.Fingerprint!)
            .ToListAsync(cancellation);
        try
        {
            // Appending checks the version read here, so a save made meanwhile fails this import whole (409).
            var stream = await session.Events.FetchForWriting<Story>(story.Id, story.Version, cancellation);
            var current = stream.Aggregate ?? story;
            var plan = ImportPlans.Decide(current, current.Id, current.Slug, upload.Snapshots, known.ToHashSet(), SourceOf(upload), editor, upload.Note);
            var version = current.Version + plan.Events.Count;
            var report = Report(current.Id, current.Slug, version, plan);
            if (plan.Events.Count > 0)
            {
                stream.AppendMany(plan.Events);
                key?.Remember(session, new IdempotencyRecord
                {
                    Status = 200, StoryId = current.Id, FromVersion = current.Version, ToVersion = version, Body = Idempotency.Json(context, report)
                });
                await session.SaveChangesAsync(cancellation);
            }
            Versions.SetETag(context, version);
            return Results.Ok(report);
        }
        catch (Exception e) when (e is ConcurrencyException || (key is not null && Idempotency.IsDuplicate(e)))
        {
            // A request with the same key committed first: answer as it did.
            if (key is not null && (await key.FindAsync(session, cancellation)).Earlier is { } winner)
                return Idempotency.Replay(context, winner);
            if (e is not ConcurrencyException) throw;
            var now = await session.LoadAsync<Story>(story.Id, cancellation) ?? story;
            return Problems.Conflict(now, story.Version);
        }
    }

    /// <summary>
    /// A story that already holds one of these captures: importing the same files again without naming the
    /// story continues it instead of starting a duplicate.
    /// </summary>
    private static async Task<Story?> StoryHoldingAnyAsync(IQuerySession session, string[] fingerprints, CancellationToken cancellation)
    {
        var row = await session.Query<StoryVersion>()
            .Where(v => v.Fingerprint.IsOneOf(fingerprints))
            .OrderBy(v => v.Version)
            .FirstOrDefaultAsync(cancellation);
        return row is null ? null : await session.LoadAsync<Story>(row.StoryId, cancellation);
    }

    // A file upload names the line each snapshot starts at; a JSON upload names its source as a whole, since
    // its snapshots were parsed by the client from files the server never sees.
    private static Func<Snapshot, string> SourceOf(ImportUpload upload) => snapshot =>
        upload.IsFile ? $"{snapshot.SourceName}, line {snapshot.SourceLine}" : upload.Source;

    private static ImportReport Report(Guid id, string slug, int version, ImportPlan plan) =>
        new(id, slug, version, plan.Versions.Count, plan.Skipped, plan.Versions);
}
