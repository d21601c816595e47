using JasperFx;
using Npgsql;

namespace Revisions.Api.Hosting;

/// <summary>
/// Every <see cref="ILogger{T}"/> of the application, as the framework's own, except that two ordinary
/// outcomes that libraries report as errors with a stack trace are logged at Debug in one line instead:
/// <list type="bullet">
/// <item>a database command that lost a race (two editors saved on the same version, so Marten's append found
/// the stream moved on or a unique index refused the second; or a slug was taken meanwhile), which Marten logs
/// with its SQL and the API answers 409;</item>
/// <item>a request body that is not JSON of the endpoint's shape, which Wolverine logs under the body's type
/// and answers 400 itself.</item>
/// </list>
/// The client's answer says what happened; under sixteen editors racing on one story these were tens of
/// thousands of stack traces a minute. Anything else goes through untouched, so a real failure still logs as
/// an error with its stack trace (and an unexpected unique violation that reaches the client as a 500 is still
/// logged by <see cref="Http.ErrorHandling"/>).
/// </summary>
public sealed class OrdinaryOutcomeLogger<T>(ILoggerFactory factory) : ILogger<T>
{
    // Wolverine.Http's HttpHandler.ReadJsonAsync; should it change its wording, the errors come back and
    // the logging tests say so.
    private const string UnreadableBody = "Error trying to deserialize JSON from incoming HTTP body";

    private readonly ILogger _inner = new Logger<T>(factory);

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => _inner.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => _inner.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (logLevel >= LogLevel.Warning && exception is not null)
        {
            if (LostRace(exception) is { } reason)
            {
                _inner.LogDebug(eventId, "A database command lost a race ({Reason}); the request is answered 409", reason);
                return;
            }
            if (exception is System.Text.Json.JsonException && OriginalFormat(state)?.StartsWith(UnreadableBody, StringComparison.Ordinal) == true)
            {
                _inner.LogDebug(eventId, "A request body could not be read ({Reason}); the request is answered 400", exception.Message);
                return;
            }
        }
        _inner.Log(logLevel, eventId, state, exception, formatter);
    }

    // Marten's append function raises this when the stream moved past the version the save was made on.
    private const string StreamVersionMismatch = "MT003";

    private static string? LostRace(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } unique)
                return $"{unique.SqlState} on {unique.ConstraintName ?? unique.TableName ?? "a unique index"}";
            if (e is PostgresException { SqlState: StreamVersionMismatch } mismatch) return $"{mismatch.SqlState}: {mismatch.MessageText}";
            if (e is ConcurrencyException) return e.Message;
        }
        return null;
    }

    private static string? OriginalFormat<TState>(TState state) =>
        state is IReadOnlyList<KeyValuePair<string, object?>> values
            ? values.FirstOrDefault(v => v.Key == "{OriginalFormat}").Value as string
            : null;
}
