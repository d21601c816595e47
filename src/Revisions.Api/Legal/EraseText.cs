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
        if (!TextRules.HasVisibleCharacter(command.Reason))
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
        var story = await StoryLookup.FindStateAsync(query, id, cancellation);
        if (story is null) return Problems.NotFound(StoryLookup.Missing(id));

        if (story.RefuseIfHeld("erasure", editor) is { } refusal)
        {
            await using var record = store.LightweightSession();
            // Appends go through FetchForWriting so the projections see the event's version.
            (await record.Events.FetchForWriting<StoryState>(story.Id, cancellation)).AppendOne(refusal);
            await record.SaveChangesAsync(cancellation);
            logger.LogInformation("Erasure on story {StoryId} by {Editor} refused: legal hold {Holds}", story.Id, editor, refusal.Holds);
            return Problems.Conflict("The story is under legal hold", "Its history cannot be altered until every hold is lifted; the attempt has been recorded.");
        }

        // What the redactions in force must cover once the text inside what they withdraw is masked.
        var stored = await query.Events.FetchStreamAsync(story.Id, token: cancellation);
        var covers = RedactionRules.KeepThrough(story.Redactions, stored.SelectMany(e => RedactionRules.TextsOf(e.Data)), command.Text!, LegalHolds.ErasedMarker);

        await using var connection = store.Storage.Database.CreateConnection();
        await connection.OpenAsync(cancellation);
        await using var transaction = await connection.BeginTransactionAsync(cancellation);
        List<(long Version, string MaskedHash)> changed;
        var erasureId = Guid.CreateVersion7();
        int captures;
        try
        {
            changed = await MaskEventsAsync(connection, transaction, store, story.Id, command.Text!, cancellation);
            // A watched page's raw responses hold the text as served, often more of it than the article read from them.
            captures = await Watch.EraseCaptures.MaskAsync(transaction, store, story.Id, command.Text!, erasureId, cancellation);
        }
        catch (PostgresException e) when (e.SqlState == "P0001")
        {
            // A hold placed a moment ago: the database guard refused the change.
            return Problems.Conflict("The story is under legal hold", e.MessageText);
        }
        if (changed.Count == 0 && captures == 0)
        {
            await transaction.RollbackAsync(cancellation);
            return Problems.NotFound("The text does not occur in the story's history.");
        }

        await using (var session = store.LightweightSession(Marten.Services.SessionOptions.ForTransaction(transaction, shouldAutoCommit: false)))
        {
            var links = changed.Count == 0 ? [] : (await session.LoadManyAsync<ChainLink>(cancellation, changed.Select(c => ChainLink.Key(story.Id, c.Version)).ToArray()))
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
            (await session.Events.FetchForWriting<StoryState>(story.Id, cancellation)).AppendOne(new TextErased(story.Id, erasureId, Chain.Hex(SHA256.HashData(Encoding.UTF8.GetBytes(command.Text!))),
                changed.Select(c => c.Version).ToList(), command.Reason!.Trim(), editor) { Redactions = covers.Count == 0 ? null : covers });
            await session.SaveChangesAsync(cancellation);
        }
        // After the projections have written this transaction's rows, mask whatever read models still hold the text.
        await MaskReadModelsAsync(connection, transaction, store, story.Id, command.Text!, cancellation);
        await transaction.CommitAsync(cancellation);
        // The masking commits outside Marten's after-commit hook, so the cached reader page is dropped here.
        await pages.EvictAsync([story.Slug], cancellation);

        return TypedResults.Ok(new TextErasure(erasureId, changed.Select(c => c.Version).ToList()));
    }

    /// <summary>Masks the text in the story's stored events; each changed event with the hash of its data as now stored.</summary>
    private static async Task<List<(long Version, string MaskedHash)>> MaskEventsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        IDocumentStore store, Guid storyId, string text, CancellationToken cancellation)
    {
        var schema = store.Options.Events.DatabaseSchemaName;
        var changed = new List<(long, string)>();
        foreach (var (seq, version, masked) in await MaskRowsAsync(connection, transaction,
                     $"select seq_id, version, data::text from {schema}.mt_events where stream_id = @id and strpos(data::text, @text) > 0 order by version",
                     storyId, text, cancellation))
        {
            await using var update = new NpgsqlCommand($"update {schema}.mt_events set data = @data::jsonb where seq_id = @seq returning data::text", connection, transaction);
            update.Parameters.AddWithValue("data", masked);
            update.Parameters.AddWithValue("seq", (long)seq);
            // The hash of the data as the database now holds (and prints) it, which is what a verifier reads.
            changed.Add((version, Chain.ContentHash((string)(await update.ExecuteScalarAsync(cancellation))!)));
        }
        return changed;
    }

    /// <summary>Masks the text in every document the catalogue says may hold a story's text.</summary>
    private static async Task MaskReadModelsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IDocumentStore store,
        Guid storyId, string text, CancellationToken cancellation)
    {
        // Raw captures (EraseRule.MaskCaptures) were masked with the events, by Watch/EraseCaptures.cs.
        foreach (var (model, column) in Catalogue.All.Select(m => (m, (m.Erase as EraseRule.MaskRows)?.Column)).Where(m => m.Item2 is not null))
        {
            var table = store.Options.FindOrResolveDocumentType(model.Document).TableName.QualifiedName;
            foreach (var (id, _, masked) in await MaskRowsAsync(connection, transaction,
                         $"select id::text, 0::bigint, data::text from {table} where {column} = @id and strpos(data::text, @text) > 0", storyId, text, cancellation))
            {
                await using var update = new NpgsqlCommand($"update {table} set data = @data::jsonb where id::text = @key", connection, transaction);
                update.Parameters.AddWithValue("data", masked);
                update.Parameters.AddWithValue("key", (string)id);
                await update.ExecuteNonQueryAsync(cancellation);
            }
        }
    }

    /// <summary>The rows <paramref name="select"/> finds (key, version, data) whose text held the erased text, masked.</summary>
    private static async Task<List<(object Key, long Version, string Masked)>> MaskRowsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        string select, Guid storyId, string text, CancellationToken cancellation)
    {
        var rows = new List<(object, long, string)>();
        await using var read = new NpgsqlCommand(select, connection, transaction);
        read.Parameters.AddWithValue("id", storyId);
        // A cheap first look at the stored text; the JSON itself decides.
        read.Parameters.AddWithValue("text", JsonText(text));
        await using var reader = await read.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation))
        {
            if (ErasureMask.Apply(reader.GetString(2), text) is { } masked) rows.Add((reader.GetValue(0), reader.GetInt64(1), masked));
        }
        return rows;
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
