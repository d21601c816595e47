using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Revisions.Api.Http;
using Revisions.Api.Stories;
using Revisions.Diff.Classification;
using Revisions.Domain.Stories;
using Revisions.Import;
using Wolverine.Http;
using ImportAnswer = Microsoft.AspNetCore.Http.HttpResults.Results<
    Microsoft.AspNetCore.Http.HttpResults.Created<Revisions.Api.Import.ImportReport>,
    Microsoft.AspNetCore.Http.HttpResults.Ok<Revisions.Api.Import.ImportReport>>;

namespace Revisions.Api.Import;

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
    [Tags("Import"), Authorize(Policy = Policies.Editors), ProblemResponses(400, 404, 409, 413, 415, 422)]
    public static async Task<Results<ImportAnswer, ProblemHttpResult>> Post(string? story, string? slug, string? note, string? name,
        HttpContext context, IDocumentSession session, IConfiguration configuration)
    {
        var cancellation = context.RequestAborted;
        var limit = configuration.GetValue<long?>("Revisions:MaxRequestBytes") ?? 4 * 1024 * 1024;
        var (body, tooLarge) = await ImportBodies.ReadAsync(context.Request, limit, name ?? "request", cancellation);
        if (tooLarge is not null) return tooLarge;
        var now = (context.RequestServices.GetService<TimeProvider>() ?? TimeProvider.System).GetUtcNow();
        var (upload, problem) = ImportUploads.Read(body!, context.Request.ContentType, new ImportQuery(story, slug, note, name), now);
        if (problem is not null) return problem;
        if (upload!.Slug is not null && !Slug.IsValid(upload.Slug)) return Problems.InvalidSlug();

        // The answer is made from what the import appended, so a retry with the same Idempotency-Key gets it again.
        ImportAnswer Answer(Story saved, IReadOnlyList<object> events) =>
            events.FirstOrDefault() is StoryCreated
                ? TypedResults.Created(StoryStart.Location(saved.Id), ImportReport.Of(saved, events, upload.Snapshots.Count))
                : TypedResults.Ok(ImportReport.Of(saved, events, upload.Snapshots.Count));

        var target = upload.Story is not null
            ? await StoryLookup.FindStateAsync(session, upload.Story, cancellation)
            : await StoryHoldingAnyAsync(session, upload.Snapshots.Select(s => s.Fingerprint).Distinct().ToArray(), cancellation);
        if (target is null && upload.Story is not null) return Problems.NotFound(StoryLookup.Missing(upload.Story));

        if (target is null)
        {
            var start = await StoryStart.OpenAsync(context, session, upload.Slug, upload.Snapshots[0].Content.Headline, Answer);
            if (start.Answered) return start.Answer;
            var events = ImportPlans.Decide(null, start.Id, start.Slug, upload.Snapshots, new HashSet<string>(), SourceOf(upload), start.Editor, upload.Note, ChangeReader.Current);
            return await start.SaveAsync(events);
        }

        var known = await session.Query<StoryVersion>()
            .Where(v => v.StoryId == target.Id && v.Fingerprint != null)
            .Select(v => v.Fingerprint!)
            .ToListAsync(cancellation);
        // Appending checks the version read when the change opens, so a save made meanwhile fails this import whole (409).
        var change = await StoryChange.OpenAdditionAsync(context, session, target.Id.ToString(), null, Answer);
        if (change.Answered) return change.Answer;
        var plan = ImportPlans.Decide(change.Story, change.Story.Id, change.Story.Slug, upload.Snapshots, known.ToHashSet(), SourceOf(upload),
            change.Editor, upload.Note, ChangeReader.Current);
        return await change.SaveAsync(plan);
    }

    /// <summary>
    /// A story that already holds one of these captures: importing the same files again without naming the
    /// story continues it instead of starting a duplicate.
    /// </summary>
    private static async Task<StoryState?> StoryHoldingAnyAsync(IQuerySession session, string[] fingerprints, CancellationToken cancellation)
    {
        var row = await session.Query<StoryVersion>()
            .Where(v => v.Fingerprint.IsOneOf(fingerprints))
            .OrderBy(v => v.Version)
            .FirstOrDefaultAsync(cancellation);
        return row is null ? null : await session.LoadAsync<StoryState>(row.StoryId, cancellation);
    }

    // A file upload names the line each snapshot starts at; a JSON upload names its source as a whole, since
    // its snapshots were parsed by the client from files the server never sees.
    private static Func<Snapshot, string> SourceOf(ImportUpload upload) => snapshot =>
        upload.IsFile ? $"{snapshot.SourceName}, line {snapshot.SourceLine}" : upload.Source;
}
