using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Revisions.Api.Stories;

namespace Revisions.Api.Desk.Shared;

/// <summary>Someone saved the story after the version this person was looking at.</summary>
public sealed record SavedMeanwhile(int Expected, int Current, string By, DateTimeOffset At);

/// <summary>
/// What a desk form makes of a use case's answer (the desk calls the API's own validation and endpoint methods): the API's problem details become words on the page — a lost
/// race becomes "someone saved meanwhile" with who, when and a link to what they changed, never a raw error.
/// </summary>
public static class DeskOutcome
{
    /// <summary>The refusal inside a use case's answer; null when it succeeded.</summary>
    public static ProblemDetails? Of(IResult result) =>
        (result is INestedHttpResult nested ? nested.Result : result) is ProblemHttpResult problem ? problem.ProblemDetails : null;

    /// <summary>The problem a Validate step found, or null for Wolverine's "no problems".</summary>
    public static ProblemDetails? Of(ProblemDetails validated) =>
        ReferenceEquals(validated, Wolverine.Http.WolverineContinue.NoProblems) ? null : validated;

    /// <summary>A lost race, described from the story as it now stands; null for any other refusal.</summary>
    public static async Task<SavedMeanwhile?> ConflictAsync(ProblemDetails problem, Marten.IQuerySession session, string slug, int expected, CancellationToken cancellation)
    {
        if (problem.Status != 409 || !problem.Extensions.ContainsKey("currentVersion")) return null;
        var story = await StoryLookup.FindStateAsync(session, slug, cancellation);
        return story is null ? null : new SavedMeanwhile(expected, story.Version, story.LastEditor, story.UpdatedAt);
    }

    /// <summary>The refusal in words for the page: its title and detail, with every field's problems listed.</summary>
    public static string Say(ProblemDetails problem)
    {
        var words = string.Join(" ", new[] { problem.Title, problem.Detail }.Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t!.TrimEnd('.') + "."));
        return words.Length == 0 ? "That could not be done." : words;
    }

    /// <summary>The message a redirect after a change carries to the page it lands on.</summary>
    public static string? Done(string? done) => done switch
    {
        "created" => "Story created.",
        "saved" => "Saved as a new version.",
        "unchanged" => "Nothing had changed, so no version was saved.",
        "published" => "Published: readers now see this version.",
        "unpublished" => "Unpublished: readers no longer see the story.",
        "restored" => "Restored as a new version.",
        "noted" => "Note added.",
        _ => null
    };
}
