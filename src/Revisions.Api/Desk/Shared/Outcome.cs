using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Revisions.Api.Desk.Shared;

/// <summary>
/// What a use case the desk called answered, in words for the page: the desk calls the API's own validation and
/// endpoint methods, and a refusal there (a missing reason, a flag already closed, a hold) is shown as the API says it.
/// </summary>
public static class Outcome
{
    /// <summary>The problem a <c>Validate</c> method found, or null when it found none.</summary>
    public static ProblemDetails? Of(ProblemDetails validation) =>
        ReferenceEquals(validation, WolverineContinue.NoProblems) ? null : validation;

    /// <summary>The problem an endpoint answered with, or null when it succeeded.</summary>
    public static ProblemDetails? Of<TAnswer>(Results<TAnswer, ProblemHttpResult> answer) where TAnswer : IResult =>
        answer.Result is ProblemHttpResult problem ? problem.ProblemDetails : null;

    /// <summary>A problem as one sentence or two for a person.</summary>
    public static string Say(ProblemDetails problem) =>
        string.IsNullOrWhiteSpace(problem.Detail) ? problem.Title ?? "Refused." : $"{problem.Title}: {problem.Detail}";
}
