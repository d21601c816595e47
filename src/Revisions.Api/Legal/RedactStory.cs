using Marten;
using Revisions.Api.Http;
using Revisions.Api.Stories;
using Revisions.Domain.Legal;
using Wolverine.Http;

namespace Revisions.Api.Legal;

/// <summary>
/// What to withdraw: a content version and, optionally, one block (0-based, as in the body array) or one
/// field (headline, shortHeadline, standfirst, byline); neither means the whole version.
/// </summary>
public sealed record RedactStory(int? ContentVersion, int? Block, string? Field, string? Reason);

public sealed record RedactionMade(Guid RedactionId, int Version, int ContentVersion, int? Block, string? Field, string Reason, string Editor, StoryView Story);

public static class RedactStoryEndpoint
{
    /// <summary>
    /// Withdraws text from every public output (court order, privacy). It also covers the same text wherever
    /// it appears in any version; the original stays in the event store. No If-Match is needed: a redaction
    /// cannot overwrite anyone's work.
    /// </summary>
    [WolverinePost("/api/stories/{id}/redactions", OperationId = "RedactStory")]
    [Tags("Legal")]
    public static Task<IResult> Post(string id, RedactStory command, HttpContext context, IDocumentSession session, CancellationToken cancellation)
    {
        if (Invalid(command) is { } problem) return Task.FromResult(problem);
        var contentVersion = command.ContentVersion!.Value;

        return StoryWrites.ApplyAsync(context, session, id, null,
            async (story, editor, token) =>
            {
                var row = contentVersion > story.Version ? null
                    : await StoryVersion.LoadAsync(session, story.Id, contentVersion, token);
                if (row is null)
                    return Decision.Refuse(Problems.NoSuchVersion(story.Version, contentVersion));
                if (row.Story.ContentVersion != contentVersion)
                    return Decision.Refuse(Problems.NotFound(
                        $"Version {contentVersion} did not save content ({row.Kind}); the content it showed is version {row.Story.ContentVersion}'s."));

                var redacted = RedactionRules.Redact(story, Guid.CreateVersion7(), contentVersion, row.Story.Content,
                    command.Block, command.Field, command.Reason!, editor);
                return redacted is null
                    ? Decision.Refuse(Problems.NotFound(command.Block is { } b
                        ? $"Version {contentVersion} has {row.Story.Content.Body.Count} blocks (0 to {row.Story.Content.Body.Count - 1}); there is no block {b}."
                        : $"Version {contentVersion} has no {command.Field}."))
                    : new Decision([redacted]);
            },
            cancellation,
            versionRequired: false,
            respond: (story, events) =>
            {
                var e = events.OfType<StoryRedacted>().Single();
                return Results.Created($"/api/stories/{story.Id}/redactions",
                    new RedactionMade(e.RedactionId, story.Version, e.ContentVersion, e.BlockIndex, e.Field, e.Reason, e.Editor, StoryView.Of(story)));
            });
    }

    private static IResult? Invalid(RedactStory command)
    {
        if (string.IsNullOrWhiteSpace(command.Reason))
            return Problems.BadRequest("A redaction needs a reason", "Give \"reason\": the order or the privacy ground it rests on.");
        if (command.ContentVersion is null)
            return Problems.BadRequest("Which version?", "Give \"contentVersion\": the content version where the text was published.");
        if (command.Block is not null && command.Field is not null)
            return Problems.BadRequest("Redact a block or a field, not both", "Give either \"block\" or \"field\", or neither for the whole version.");
        if (command.Block is < 0)
            return Problems.BadRequest("Blocks are numbered from 0", "\"block\" is the position in the body array, starting at 0.");
        if (command.Field is { } field && !RedactionRules.Fields.Contains(field, StringComparer.OrdinalIgnoreCase))
            return Problems.BadRequest("Unknown field", $"\"field\" must be one of {string.Join(", ", RedactionRules.Fields)}.");
        return null;
    }
}
