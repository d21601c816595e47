using System.Text.Json;
using JasperFx;
using Microsoft.AspNetCore.Diagnostics;
using Npgsql;

namespace Revisions.Api.Http;

/// <summary>
/// The last line: failures that escape an endpoint still answer as ProblemDetails with the right status
/// (a body too large is 413, unreadable JSON 400, a lost race 409, the database out of reach 503), never a bare 500 for the client's mistake.
/// </summary>
public sealed class ErrorHandling(IProblemDetailsService problems, ILogger<ErrorHandling> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellation)
    {
        var (status, title) = exception switch
        {
            BadHttpRequestException bad => (bad.StatusCode, bad.StatusCode == 413 ? "The request is too large" : "The request could not be read"),
            JsonException => (400, "The request body is not valid JSON for this endpoint"),
            ConcurrencyException => (409, "The story has changed since you read it"),
            _ when DatabaseUnavailable(exception) => (503, "The database is unavailable; try again shortly"),
            OperationCanceledException when context.RequestAborted.IsCancellationRequested => (499, "The client went away"),
            _ => (500, "Something went wrong on our side")
        };
        if (status == 500) logger.LogError(exception, "Unhandled failure on {Method} {Path}", context.Request.Method, context.Request.Path);

        if (status == 503)
        {
            // An outage, not a bug: one line per request, without a stack trace that would say nothing new.
            logger.LogWarning("Database unavailable on {Method} {Path}: {Reason}", context.Request.Method, context.Request.Path,
                exception.GetBaseException().Message);
            context.Response.Headers.RetryAfter = "1";
        }
        context.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails =
            {
                Status = status,
                Title = title,
                Detail = status is >= 400 and < 500 and not 499 ? exception.Message : null
            }
        });
    }

    /// <summary>
    /// The database restarting or out of reach: nothing was committed, so the client may retry (with its
    /// Idempotency-Key, the retry cannot save twice).
    /// </summary>
    private static bool DatabaseUnavailable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is PostgresException pg) return pg.SqlState.StartsWith("57P", StringComparison.Ordinal) || pg.SqlState.StartsWith("08", StringComparison.Ordinal);
            if (e is NpgsqlException { IsTransient: true } or System.Net.Sockets.SocketException or TimeoutException) return true;
        }
        return false;
    }
}
