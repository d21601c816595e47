using JasperFx;
using Npgsql;

namespace Revisions.Api.Storage;

public static class DatabaseErrors
{
    /// <summary>
    /// A unique index refused a write (a slug taken between check and commit, a row already written), however
    /// Marten or Npgsql wrapped PostgreSQL's answer.
    /// </summary>
    public static bool IsUniqueViolation(Exception e) =>
        e is DocumentAlreadyExistsException or PostgresException { SqlState: PostgresErrorCodes.UniqueViolation }
        || e.InnerException is { } inner && IsUniqueViolation(inner);
}
