using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Revisions.Api.Http;
using Revisions.Import;

namespace Revisions.Api.Import;

/// <summary>
/// What an import request asked for, once its body has been read and every snapshot parsed.
/// <paramref name="IsFile"/>: the body was the capture file itself, so each snapshot's line in it is known.
/// </summary>
public sealed record ImportUpload(string? Story, string? Slug, string? Note, string Source, IReadOnlyList<Snapshot> Snapshots, bool IsFile);

/// <summary>
/// Reads the two shapes an import arrives in: a JSON envelope <c>{ story, slug, note, source, snapshots: […] }</c>
/// or a capture file as it is (<c>text/plain</c>, any format Revisions.Import knows, named by <c>?name=</c>).
/// Snapshots are parsed by Revisions.Import either way, so the API refuses exactly what the CLI refuses, with
/// the same messages; lines in JSON errors are lines of the request body.
/// </summary>
public static class ImportUploads
{
    public const int MaxSnapshots = 1_000;
    public const int MaxNameLength = 200;
    private static readonly JsonReaderOptions ReaderOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <param name="now">The server's time: a capture cannot have been made after it.</param>
    public static (ImportUpload? Upload, ProblemHttpResult? Problem) Read(byte[] body, string? contentType, ImportQuery query, DateTimeOffset now)
    {
        var media = (contentType ?? "").Split(';')[0].Trim().ToLowerInvariant();
        if (media is "application/json")
            return FromEnvelope(body, query, now);
        if (media.StartsWith("text/", StringComparison.Ordinal) || media is "application/x-ndjson" or "application/jsonl")
            return FromFile(body, query, now);
        return (null, TypedResults.Problem(statusCode: 415, title: "Send JSON or a capture file",
            detail: "Send application/json ({\"snapshots\": […]}) or the capture file itself as text/plain."));
    }

    private static (ImportUpload?, ProblemHttpResult?) FromFile(byte[] body, ImportQuery query, DateTimeOffset now)
    {
        var name = query.Name ?? "upload";
        if (NameProblem("name", name) is { } problem) return (null, problem);
        var parsed = Parse(name, body, lineOffset: 0, now);
        return parsed.Problem is not null
            ? (null, parsed.Problem)
            : (new ImportUpload(query.Story, query.Slug, query.Note, name, parsed.Snapshots!, IsFile: true), null);
    }

    private static (ImportUpload?, ProblemHttpResult?) FromEnvelope(byte[] body, ImportQuery query, DateTimeOffset now)
    {
        string? story = query.Story, slug = query.Slug, note = query.Note, source = query.Name;
        int? snapshotsStart = null, snapshotsEnd = null;
        var reader = new Utf8JsonReader(body, ReaderOptions);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                return (null, Invalid(source ?? "request", 1, "The request must be a JSON object such as {\"snapshots\": […]}."));
            var seen = new HashSet<string>();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var property = reader.GetString()!.ToLowerInvariant();
                if (!seen.Add(property)) throw new JsonException($"\"{reader.GetString()}\" is given twice; give it once.");
                reader.Read();
                switch (property)
                {
                    case "story": story = StringOrNull(ref reader, property) ?? story; break;
                    case "slug": slug = StringOrNull(ref reader, property) ?? slug; break;
                    case "note": note = StringOrNull(ref reader, property) ?? note; break;
                    case "source": source = StringOrNull(ref reader, property) ?? source; break;
                    case "snapshots":
                        if (reader.TokenType != JsonTokenType.StartArray)
                            throw new JsonException("\"snapshots\" must be an array of snapshots.");
                        snapshotsStart = (int)reader.TokenStartIndex;
                        reader.Skip();
                        snapshotsEnd = (int)reader.BytesConsumed;
                        break;
                    default: reader.Skip(); break;
                }
            }
        }
        catch (JsonException e)
        {
            var line = e.LineNumber is { } zeroBased ? (int)zeroBased + 1 : LineAt(body, (int)reader.TokenStartIndex);
            return (null, Invalid(source ?? "request", line, $"The request is not valid JSON: {Reason(e)}"));
        }

        source ??= "request";
        if (NameProblem("source", source) is { } nameProblem) return (null, nameProblem);
        if (snapshotsStart is not { } start || snapshotsEnd is not { } end)
            return (null, Invalid(source, null, "The request has no \"snapshots\" array; there is nothing to import."));

        var parsed = Parse(source, body[start..end], LineAt(body, start) - 1, now);
        return parsed.Problem is not null
            ? (null, parsed.Problem)
            : (new ImportUpload(story, slug, note, source, parsed.Snapshots!, IsFile: false), null);
    }

    /// <summary>How far ahead of the server's clock a capture time may be: the archive's clock may run a little fast.</summary>
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private static (IReadOnlyList<Snapshot>? Snapshots, ProblemHttpResult? Problem) Parse(string name, byte[] bytes, int lineOffset, DateTimeOffset now)
    {
        var result = SnapshotParser.ParseBatch([SnapshotSource.FromBytes(name, bytes)]);
        if (!result.Succeeded)
            return (null, Invalid(result.Errors.Select(e => e with { Line = e.Line + lineOffset }).ToList()));
        // A capture records what was seen; one dated later than now would place text in public history ahead of time.
        var future = result.Snapshots.Where(s => s.CapturedAt > now + ClockSkew)
            .Select(s => new ImportError(name, s.SourceLine + lineOffset, $"The capture time {s.CapturedAt!.Value.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ} is still to come; a capture records what was seen."))
            .ToList();
        if (future.Count > 0) return (null, Invalid(future));
        if (result.Snapshots.Count > MaxSnapshots)
            return (null, TypedResults.Problem(statusCode: 413, title: "Too many snapshots in one import",
                detail: $"The import holds {result.Snapshots.Count} snapshots; at most {MaxSnapshots} are taken at once. Split it: a later import of the rest continues the story."));
        return (result.Snapshots, null);
    }

    // System.Text.Json appends its own position ("LineNumber: 0 | …"); the error already names the line.
    private static string Reason(JsonException e) => e.Message.Split(" LineNumber:")[0].Split(" Path:")[0];

    private static string? StringOrNull(ref Utf8JsonReader reader, string property) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Null => null,
        _ => throw new JsonException($"\"{property}\" must be a string.")
    };

    private static ProblemHttpResult? NameProblem(string what, string name) =>
        name.Length is 0 or > MaxNameLength || name.Any(char.IsControl)
            ? Problems.BadRequest($"The {what} is not valid", $"The {what} names the capture file: 1 to {MaxNameLength} characters, no control characters.")
            : null;

    /// <summary>The 1-based line of a byte position, so an error in a JSON body points where an editor can look.</summary>
    public static int LineAt(byte[] body, int position)
    {
        var line = 1;
        for (var i = 0; i < Math.Min(position, body.Length); i++)
            if (body[i] == (byte)'\n') line++;
        return line;
    }

    public static ProblemHttpResult Invalid(string file, int? line, string message) => Invalid([new ImportError(file, line, message)]);

    /// <summary>Every problem by file and line (at most 100 listed); nothing from the batch is stored.</summary>
    public static ProblemHttpResult Invalid(IReadOnlyList<ImportError> errors, int status = 400) =>
        TypedResults.Problem(
            statusCode: status,
            title: status == 413 ? "The import is too large" : "Nothing was imported: the snapshots are not valid",
            detail: errors.Count == 1 ? errors[0].ToString() : $"{errors.Count} problems; the first: {errors[0]}",
            extensions: new Dictionary<string, object?>
            {
                ["errors"] = errors.Take(100).Select(e => new { file = e.File, line = e.Line, message = e.Message }).ToList()
            });
}

/// <summary>The query string of an import: which story, the new story's slug, a note, and the upload's name.</summary>
public sealed record ImportQuery(string? Story, string? Slug, string? Note, string? Name);
