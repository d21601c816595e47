using Microsoft.AspNetCore.WebUtilities;

namespace Revisions.Api.Http;

/// <summary>
/// Refusals the framework makes without a body — routing's 404 and 405, Wolverine's 406 and 415, a static
/// file's 412 — answered as problem details like every refusal of the API's own, whatever the Accept header
/// asks for (a client that sent Accept: application/xml still learns why it was refused).
/// </summary>
public static class StatusProblems
{
    public static IApplicationBuilder UseStatusProblems(this IApplicationBuilder app) =>
        app.UseStatusCodePages(context => Write(context.HttpContext));

    private static Task Write(HttpContext context)
    {
        var status = context.Response.StatusCode;
        var (title, detail) = status switch
        {
            404 => ("Not found", "Nothing is at this address; /openapi/v1.json lists the API's operations."),
            405 => ("Method not allowed", $"This address answers {context.Response.Headers.Allow}."),
            406 => ("Not acceptable", "This answers JSON: send Accept: application/json, or no Accept header."),
            415 => ("Unsupported media type", "Send the body as JSON, with Content-Type: application/json."),
            _ => (ReasonPhrases.GetReasonPhrase(status), (string?)null)
        };
        return TypedResults.Problem(statusCode: status, title: title, detail: detail).ExecuteAsync(context);
    }
}
