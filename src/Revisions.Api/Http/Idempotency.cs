using System.Security.Cryptography;
using System.Text;
using JasperFx;
using Marten;
using Marten.Exceptions;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace Revisions.Api.Http;

/// <summary>
/// A write that was committed under an Idempotency-Key, kept until it expires: what was asked (method, path
/// and query, a hash of the body) and enough of the answer to give it again. Written in the same transaction as
/// the write's events, so a save is never committed without its key nor its key without the save.
/// </summary>
public sealed record IdempotencyRecord
{
    /// <summary>A hash of the user and the key: keys are the client's own, so two users never collide.</summary>
    public string Id { get; init; } = "";
    public string Method { get; init; } = "";
    public string Target { get; init; } = "";
    public string RequestHash { get; init; } = "";
    public DateTimeOffset ExpiresAt { get; init; }
    public int Status { get; init; }
    public string? Location { get; init; }
    /// <summary>The story the write changed and the versions it went from and to, to rebuild the answer from.</summary>
    public Guid StoryId { get; init; }
    public int FromVersion { get; init; }
    public int ToVersion { get; init; }
}

/// <summary>
/// Idempotency-Key on writes. The write paths (Stories/StoryChange.cs, Stories/StoryStart.cs) call
/// <see cref="BeginAsync"/> first and replay the earlier answer when there is one, and <see cref="Remember"/>
/// just before they commit. Two requests racing with one key both run, but only one can commit: the other's
/// insert of the same record (or its append at the same story version) fails, its transaction rolls back
/// whole, and it answers with the winner's result.
/// </summary>
public sealed class Idempotency
{
    public const string Header = "Idempotency-Key";
    public const int MaxKeyLength = 200;
    private const string HashItem = "Revisions.IdempotencyBodyHash";

    private readonly string _id, _method, _target, _hash;
    private readonly TimeSpan _lifetime;
    private bool _expiredSeen;

    private Idempotency(string id, string method, string target, string hash, TimeSpan lifetime) =>
        (_id, _method, _target, _hash, _lifetime) = (id, method, target, hash, lifetime);

    /// <summary>
    /// Null when the request carries no key (then the write runs as usual); otherwise the earlier record,
    /// or a problem when the key was used for a different request.
    /// </summary>
    public static async Task<(Idempotency? Key, IdempotencyRecord? Earlier, ProblemHttpResult? Problem)> BeginAsync(
        HttpContext context, IQuerySession session, CancellationToken cancellation)
    {
        var request = Of(context);
        if (request is null) return (null, null, null);
        var (earlier, problem) = await request.FindAsync(session, cancellation);
        return (request, earlier, problem);
    }

    /// <summary>The request's key, null when it carries none; nothing is read yet (see <see cref="Check"/>).</summary>
    public static Idempotency? Of(HttpContext context)
    {
        var key = context.Request.Headers[Header].ToString();
        if (key.Length == 0) return null;
        var user = context.User.Identity?.Name ?? "";
        var id = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(user + "\n" + key)));
        var configuration = context.RequestServices.GetRequiredService<IConfiguration>();
        var lifetime = TimeSpan.FromHours(configuration.GetValue<double?>("Revisions:Idempotency:Hours") ?? 24);
        var hash = context.Items[HashItem] as string ?? "";
        return new Idempotency(id, context.Request.Method, context.Request.Path + context.Request.QueryString, hash, lifetime);
    }

    /// <summary>The id of this key's record, to read it in a batch with what the write reads anyway.</summary>
    public string RecordId => _id;

    /// <summary>After losing a race: the record the winner committed, if this key's request won.</summary>
    public async Task<(IdempotencyRecord? Earlier, ProblemHttpResult? Problem)> FindAsync(IQuerySession session, CancellationToken cancellation) =>
        Check(await session.LoadAsync<IdempotencyRecord>(_id, cancellation));

    /// <summary>
    /// What the stored record <paramref name="earlier"/> (null when there is none) means for this request: the
    /// answer to give again, nothing (none, or expired), or a problem when the key was used for a different request.
    /// </summary>
    public (IdempotencyRecord? Earlier, ProblemHttpResult? Problem) Check(IdempotencyRecord? earlier)
    {
        if (earlier is null) return (null, null);
        if (earlier.ExpiresAt <= DateTimeOffset.UtcNow)
        {
            _expiredSeen = true;
            return (null, null);
        }
        if (earlier.Method != _method || earlier.Target != _target || earlier.RequestHash != _hash)
            return (null, Problems.Unprocessable("The Idempotency-Key was used for a different request",
                $"This key was first sent with {earlier.Method} {earlier.Target} and another body; use a new key for a new request."));
        return (earlier, null);
    }

    /// <summary>Queues the record in the write's own session, so it commits (or not) with the events.</summary>
    public void Remember(IDocumentSession session, IdempotencyRecord outcome)
    {
        if (_expiredSeen) session.Delete<IdempotencyRecord>(_id);
        session.Insert(outcome with
        {
            Id = _id, Method = _method, Target = _target, RequestHash = _hash, ExpiresAt = DateTimeOffset.UtcNow + _lifetime
        });
    }

    /// <summary>The commit failed because this key's record already exists: another request with the key won.</summary>
    public static bool IsDuplicate(Exception e) =>
        e is DocumentAlreadyExistsException { DocType: var t } && t == typeof(IdempotencyRecord)
        || (e.InnerException ?? e) is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } pg
           && (pg.TableName ?? "").Contains("idempotencyrecord", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Reads and hashes the body of a write that carries a key, then rewinds it for the endpoint; checks the
    /// key's shape so every endpoint refuses a bad one the same way.
    /// </summary>
    public static async Task HashBodyAsync(HttpContext context, Func<Task> next)
    {
        var request = context.Request;
        var key = request.Headers[Header];
        if (key.Count == 0 || HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        {
            await next();
            return;
        }
        var text = key.ToString();
        if (key.Count > 1 || text.Length is 0 or > MaxKeyLength || text.Any(c => c is < '!' or > '~'))
        {
            await Problems.BadRequest("The Idempotency-Key is not valid",
                    $"Send one key of 1 to {MaxKeyLength} visible ASCII characters, for example a UUID.")
                .ExecuteAsync(context);
            return;
        }
        request.EnableBuffering();
        using (var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
        {
            var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(16 * 1024);
            try
            {
                int read;
                while ((read = await request.Body.ReadAsync(buffer, context.RequestAborted)) > 0) sha.AppendData(buffer, 0, read);
            }
            finally
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
            }
            // The version edited is part of what was asked: the same body sent against another version is another request.
            sha.AppendData(Encoding.UTF8.GetBytes("\n" + request.ContentType + "\n" + request.Headers.IfMatch));
            context.Items[HashItem] = Convert.ToHexString(sha.GetHashAndReset());
        }
        request.Body.Position = 0;
        await next();
    }
}
