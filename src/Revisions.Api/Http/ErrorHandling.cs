using System.Text.Json;
using JasperFx;
using Microsoft.AspNetCore.Diagnostics;

namespace Revisions.Api.Http;

/// <summary>
/// The last line: failures that escape an endpoint still answer as ProblemDetails with the right status
/// (a body too large is 413, unreadable JSON 400, a lost race 409), never a bare 500 for the client's mistake.
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
            OperationCanceledException when context.RequestAborted.IsCancellationRequested => (499, "The client went away"),
            _ => (500, "Something went wrong on our side")
        };
        if (status == 500) logger.LogError(exception, "Unhandled failure on {Method} {Path}", context.Request.Method, context.Request.Path);

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
}
