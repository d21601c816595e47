using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace Revisions.Api.Http;

/// <summary>
/// What the OpenAPI document says of every endpoint beyond its typed answers: the problems it may answer
/// with (<see cref="ProblemResponsesAttribute"/>), and 401/403 wherever a policy demands a role.
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
        });
}
