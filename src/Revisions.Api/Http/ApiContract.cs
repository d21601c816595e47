using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Wolverine.Http;

namespace Revisions.Api.Http;

/// <summary>
/// What the OpenAPI document says of every endpoint beyond its typed answers: the problems it may answer
/// with (<see cref="ProblemResponsesAttribute"/>), 401/403 wherever a policy demands a role, and the pages a
/// reader-side endpoint answers with (<see cref="ReaderPageAnswersAttribute"/>).
/// </summary>
public static class ApiContract
{
    public static void DescribeProblems(this WolverineHttpOptions options) =>
        options.ConfigureEndpoints(chain =>
        {
            var method = chain.Method.Method;
            var statuses = method.GetCustomAttributes(typeof(ProblemResponsesAttribute), false)
                .Cast<ProblemResponsesAttribute>().SelectMany(a => a.Statuses).ToList();
            if (method.GetCustomAttributes(typeof(AuthorizeAttribute), false).Length > 0) statuses.AddRange([401, 403]);
            foreach (var status in statuses.Distinct().Order()) chain.Metadata.ProducesProblem(status);
            var pages = method.GetCustomAttributes(typeof(ReaderPageAnswersAttribute), false)
                .Cast<ReaderPageAnswersAttribute>().SelectMany(a => a.Statuses).ToList();
            foreach (var status in pages) chain.Metadata.Produces<string>(status, "text/html");
            // Wolverine assumes a 404 with no body for an endpoint whose answer could be null; ours say what they answer.
            // And wherever GET is answered, so is HEAD (RFC 9110 9.3.2): the server sends the headers and drops the body.
            chain.Finally(endpoint =>
            {
                if (endpoint.Metadata.OfType<HttpMethodMetadata>().LastOrDefault() is { } methods
                    && methods.HttpMethods.Contains(HttpMethods.Get) && !methods.HttpMethods.Contains(HttpMethods.Head))
                {
                    endpoint.Metadata.Remove(methods);
                    endpoint.Metadata.Add(new HttpMethodMetadata([.. methods.HttpMethods, HttpMethods.Head], methods.AcceptCorsPreflight));
                }
                if (statuses.Contains(404) || pages.Contains(404)) return;
                foreach (var assumed in endpoint.Metadata.Where(m => m is IProducesResponseTypeMetadata { StatusCode: 404 } produces && !produces.ContentTypes.Any()).ToList())
                    endpoint.Metadata.Remove(assumed);
            });
        });
}
