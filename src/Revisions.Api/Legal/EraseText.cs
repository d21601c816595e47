using System.Security.Cryptography;
using System.Text;
using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using Revisions.Api.Evidence;
using Revisions.Api.Http;
using Revisions.Api.Public;
using Revisions.Api.ReadModels;
using Revisions.Api.Stories;
using Revisions.Domain.Legal;
using Revisions.Domain.Stories;
using Revisions.Evidence;
using Wolverine.Http;

namespace Revisions.Api.Legal;

public sealed record EraseText(string? Text, string? Reason);

/// <summary>An erasure made: its id and the versions whose stored events held the text.</summary>
public sealed record TextErasure(Guid ErasureId, IReadOnlyList<long> Versions);

public static class EraseTextEndpoint
{
    public const int MinimumLength = 3;

    public static ProblemDetails Validate(EraseText command)
    {
        if (string.IsNullOrWhiteSpace(command.Reason))
            return Problems.BadRequest("A reason is required", "Say in \"reason\" which law or order requires the erasure.").ProblemDetails;
        if (command.Text is null || command.Text.Trim().Length < MinimumLength || !command.Text.Any(char.IsLetterOrDigit))
            return Problems.BadRequest("Nothing to erase", $"Give the exact \"text\" to erase: at least {MinimumLength} characters with a letter or digit.").ProblemDetails;
        return WolverineContinue.NoProblems;
    }

    /// <summary>
    /// Privacy erasure: every occurrence of <c>text</c> in the story's stored events and read models is replaced
    /// by "[erased]". The hash chain keeps each event's original content hash, so history and old checkpoints
    /// still verify; the erasure itself is an event with reason and who, holding only the text's hash.
    /// Refused with 409 while a legal hold stands (and the attempt is recorded).
    /// </summary>
    [WolverinePost("/api/stories/{id}/erasures", OperationId = "EraseText")]
    [Tags("Legal"), Authorize(Policy = Policies.Legal), ProblemResponses(400, 404, 409)]
    public static async Task<Results<Ok<TextErasure>, ProblemHttpResult>> Post(string id, EraseText command, HttpContext context, IDocumentStore store,
        ReaderPageCache pages, ILogger<EraseText> logger, CancellationToken cancellation)
    {
        if (!Editors.TryGet(context, out var editor, out var editorProblem)) return editorProblem!;

        await using var query = store.QuerySession();
        var story = await StoryLookup.FindAsync(query, id, cancellation);
        if (story is null) return Problems.NotFound(StoryLookup.Missing(id));

        if (story.RefuseIfHeld("erasure", editor) is { } refusal)
        {
            await using var record = store.LightweightSession();
            // Appends go through FetchForWriting so the projections see the event's version.
            (await record.Events.FetchForWriting<Story>(story.Id, cancellation)).AppendOne(refusal);
            await record.SaveChangesAsync(cancellation);
            logger.LogInformation("Erasure on story {StoryId} by {Editor} refused: legal hold {Holds}", story.Id, editor, refusal.Holds);
            return Problems.Conflict("The story is under legal hold", "Its history cannot be altered until every hold is lifted; the attempt has been recorded.");
        }

        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellation);
        await using var transaction = await connection.BeginTransactionAsync(cancellation);
        var masked = JsonText(command.Text!);
        List<(long Version, string MaskedHash)> changed;
        try
        {
            changed = await MaskEventsAsync(connection, transaction, store, story.Id, masked, cancellation);
        }
        catch (PostgresException e) when (e.SqlState == "P0001")
        {
            // A hold placed a moment ago: the database guard refused the change.
            return Problems.Conflict("The story is under legal hold", e.MessageText);
        }
        if (changed.Count == 0)
        {
            await transaction.RollbackAsync(cancellation);
            return Problems.NotFound("The text does not occur in the story's history.");
        }

        var erasureId = Guid.CreateVersion7();
        await using (var session = store.LightweightSession(Marten.Services.SessionOptions.ForTransaction(transaction, shouldAutoCommit: false)))
        {
            var links = (await session.LoadManyAsync<ChainLink>(cancellation, changed.Select(c => ChainLink.Key(story.Id, c.Version)).ToArray()))
                .ToDictionary(l => l.Version);
            foreach (var (version, maskedHash) in changed)
            {
                session.Store(new ErasureRecord
                {
                    Id = $"{ChainLink.Key(story.Id, version)}/{erasureId:N}", StoryId = story.Id, Version = version, ErasureId = erasureId,
                    // The chain link's hash is the original's, even when an earlier erasure already masked this event.
                    OriginalContentHash = links[version].ContentHash, MaskedContentHash = maskedHash
                });
            }
            (await session.Events.FetchForWriting<Story>(story.Id, cancellation)).AppendOne(new TextErased(story.Id, erasureId, Chain.Hex(SHA256.HashData(Encoding.UTF8.GetBytes(command.Text!))),
                changed.Select(c => c.Version).ToList(), command.Reason!.Trim(), editor));
            await session.SaveChangesAsync(cancellation);
        }
        // After the projections have written this transaction's rows, mask whatever read models still hold the text.
        await MaskReadModelsAsync(connection, transaction, store, story.Id, masked, cancellation);
        await transaction.CommitAsync(cancellation);
        // The masking commits outside Marten's after-commit hook, so the cached reader page is dropped here.
        await pages.EvictAsync([story.Slug], cancellation);

        return TypedResults.Ok(new TextErasure(erasureId, changed.Select(c => c.Version).ToList()));
    }

    private static async Task<List<(long Version, string MaskedHash)>> MaskEventsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        IDocumentStore store, Guid storyId, string jsonText, CancellationToken cancellation)
    {
        var schema = store.Options.Events.DatabaseSchemaName;
        var rows = new List<(long Seq, long Version, string Data)>();
        await using (var read = new NpgsqlCommand($"select seq_id, version, data::text from {schema}.mt_events where stream_id = @id order by version", connection, transaction))
        {
            read.Parameters.AddWithValue("id", storyId);
            await using var reader = await read.ExecuteReaderAsync(cancellation);
            while (await reader.ReadAsync(cancellation))
            {
                var data = reader.GetString(2);
                if (data.Contains(jsonText, StringComparison.Ordinal)) rows.Add((reader.GetInt64(0), reader.GetInt64(1), data));
            }
        }
        var changed = new List<(long, string)>();
        foreach (var (seq, version, data) in rows)
        {
            var maskedData = data.Replace(jsonText, LegalHolds.ErasedMarker, StringComparison.Ordinal);
            await using var update = new NpgsqlCommand($"update {schema}.mt_events set data = @data::jsonb where seq_id = @seq", connection, transaction);
            update.Parameters.AddWithValue("data", maskedData);
            update.Parameters.AddWithValue("seq", seq);
            await update.ExecuteNonQueryAsync(cancellation);
            changed.Add((version, Chain.ContentHash(maskedData)));
        }
        return changed;
    }

    /// <summary>Masks the text in every document the catalogue says may hold a story's text.</summary>
    private static async Task MaskReadModelsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IDocumentStore store,
        Guid storyId, string jsonText, CancellationToken cancellation)
    {
        foreach (var (model, column) in Catalogue.All.Select(m => (m, (m.Erase as EraseRule.MaskRows)?.Column)).Where(m => m.Item2 is not null))
        {
            var table = store.Options.FindOrResolveDocumentType(model.Document).TableName.QualifiedName;
            await using var update = new NpgsqlCommand(
                $"update {table} set data = replace(data::text, @text, @marker)::jsonb where {column} = @id and strpos(data::text, @text) > 0", connection, transaction);
            update.Parameters.AddWithValue("id", storyId);
            update.Parameters.AddWithValue("text", jsonText);
            update.Parameters.AddWithValue("marker", LegalHolds.ErasedMarker);
            await update.ExecuteNonQueryAsync(cancellation);
        }
    }

    /// <summary>The text as it appears inside a JSON string printed by PostgreSQL's jsonb (which escapes only what JSON requires).</summary>
    public static string JsonText(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\b' => "\\b",
                '\f' => "\\f",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                < ' ' => $"\\u{(int)c:x4}",
                _ => c.ToString()
            });
        }
        return builder.ToString();
    }
}
