using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Revisions.Api.Http;

/// <summary>Points in time in query strings: ISO-8601 instants, UTC when no offset is given.</summary>
public static class Instants
{
    public static bool TryParse(string? text, out DateTimeOffset instant) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out instant)
        && text!.Length >= 10 && char.IsDigit(text.Trim()[0]);

    public static ProblemHttpResult Invalid(string name, string? text) =>
        Problems.BadRequest($"'{name}' is not an instant",
            $"'{text}' is not an ISO-8601 instant; use for example 2025-05-16T14:05:00Z.");
}
