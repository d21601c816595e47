namespace Revisions.Api.Http;

/// <summary>
/// The refusals an endpoint may answer with besides those of sign-in (401, 403), each as RFC 9457 problem
/// details; the OpenAPI document lists them for the operation (Http/ApiContract.cs).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ProblemResponsesAttribute(params int[] statuses) : Attribute
{
    public IReadOnlyList<int> Statuses { get; } = statuses;
}
