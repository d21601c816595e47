using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Revisions.Api.Desk.Shared;
using Revisions.Api.Http;
using Revisions.Api.Stories;
using Revisions.Diff.Classification;
using Revisions.Domain.Legal;
using Revisions.Domain.Stories;

namespace Revisions.Api.Desk.Stories;

/// <summary>
/// Creating and editing a story, for newsrooms without a CMS integration and for trying Revisions: the API's
/// create and revise use cases (Stories/CreateStory.cs, Stories/ReviseStory.cs), checked as they check them, a
/// save carrying the version it was edited from.
/// </summary>
public partial class EditPage
{
    /// <summary>Empty blocks offered after the story's own, for adding text without any script.</summary>
    private const int SpareBlocks = 2;

    public static async Task<IResult> GetNew(HttpContext context) =>
        Render(await DeskUser.OfAsync(context), isNew: true, null, 0, new StoryContent("", null, null, null, []), false, null, null, null, null, 200);

    public static async Task<IResult> Get(string slug, HttpContext context, IQuerySession session, CancellationToken cancellation)
    {
        var story = await StoryLookup.FindAsync(session, slug, cancellation);
        if (story is null) return await DeskNotFoundPage.RenderAsync(context, StoryLookup.Missing(slug));
        var shown = story.AsShownTo(context);
        return Render(await DeskUser.OfAsync(context), false, story.Slug, story.Version, shown.Content, Withholds(story, context), null, null, null, null, 200);
    }

    public static async Task<IResult> PostNew(IFormCollection form, HttpContext context, IDocumentSession session, ContentLimits limits)
    {
        var content = ContentOf(form, null);
        var command = new CreateStory(DeskForms.Text(form, "slug")?.Trim(), content.Headline, content.ShortHeadline, content.Standfirst, content.Byline,
            content.Body, DeskForms.Text(form, "note"));
        var answer = DeskOutcome.Of(CreateStoryEndpoint.Validate(command, limits)) is { } invalid
            ? TypedResults.Problem(invalid)
            : (IResult)await CreateStoryEndpoint.Post(command, context, session);
        if (DeskOutcome.Of(answer) is not { } problem)
        {
            var created = ((Created<StoryView>)((INestedHttpResult)answer).Result).Value!;
            return TypedResults.Redirect($"/desk/stories/{created.Slug}?done=created");
        }
        return Render(await DeskUser.OfAsync(context), true, command.Slug, 0, content, false, command.Note, null, DeskOutcome.Say(problem), null, problem.Status ?? 400);
    }

    public static async Task<IResult> Post(string slug, IFormCollection form, HttpContext context, IDocumentSession session, ContentLimits limits,
        CancellationToken cancellation)
    {
        var story = await StoryLookup.FindAsync(session, slug, cancellation);
        if (story is null) return await DeskNotFoundPage.RenderAsync(context, StoryLookup.Missing(slug));
        var withheld = Withholds(story, context);
        var content = ContentOf(form, withheld ? story.Content : null);
        var expected = DeskForms.Int(form, "expectedVersion");
        var (note, noteKind) = (DeskForms.Text(form, "note"), DeskForms.Text(form, "noteKind"));
        var command = new ReviseStory(content.Headline, content.ShortHeadline, content.Standfirst, content.Byline, content.Body, note, noteKind, expected);
        var answer = DeskOutcome.Of(ReviseStoryEndpoint.Validate(command, limits)) is { } invalid
            ? TypedResults.Problem(invalid)
            : (IResult)await ReviseStoryEndpoint.Put(story.Slug, command, context, session);
        if (DeskOutcome.Of(answer) is not { } problem)
        {
            var saved = ((Ok<StoryView>)((INestedHttpResult)answer).Result).Value!;
            return TypedResults.Redirect($"/desk/stories/{saved.Slug}?done={(saved.Version == story.Version ? "unchanged" : "saved")}");
        }
        // The form again with everything as typed, so nothing is lost; the version edited from stays the one typed on.
        var conflict = expected is { } e ? await DeskOutcome.ConflictAsync(problem, session, story.Slug, e, cancellation) : null;
        var shown = content with { Body = content.Body.Select((b, i) => withheld && i < story.Content.Body.Count && ReferenceEquals(b, story.Content.Body[i]) ? Block.Paragraph(RedactionRules.Marker) : b).ToList() };
        return Render(await DeskUser.OfAsync(context), false, story.Slug, expected ?? story.Version, shown, withheld, note, noteKind,
            conflict is null ? DeskOutcome.Say(problem) : null, conflict, conflict is null ? problem.Status ?? 400 : 409);
    }

    /// <summary>Whether this person sees the story with redactions applied, so withheld text must be kept as stored.</summary>
    private static bool Withholds(Story story, HttpContext context) => story.Redactions.Count > 0 && !Roles.CanSeeRedacted(context);

    /// <summary>
    /// The content the form holds: blank blocks dropped, and a block the person could not see (withheld by a
    /// redaction, posted as "kept:n") taken from <paramref name="stored"/> as it is.
    /// </summary>
    private static StoryContent ContentOf(IFormCollection form, StoryContent? stored)
    {
        var types = form["blockType"];
        var texts = form["blockText"];
        var body = new List<Block>();
        for (var i = 0; i < Math.Min(types.Count, texts.Count); i++)
        {
            var type = types[i] ?? "";
            if (type.StartsWith("kept:", StringComparison.Ordinal))
            {
                if (stored is not null && int.TryParse(type[5..], out var n) && n >= 0 && n < stored.Body.Count) body.Add(stored.Body[n]);
                continue;
            }
            var text = (texts[i] ?? "").Replace("\r\n", "\n").Trim();
            if (text.Length == 0) continue;
            body.Add(new Block(type == "subheading" ? BlockType.Subheading : BlockType.Paragraph, text));
        }
        string? Field(string name, string? storedValue)
        {
            var value = DeskForms.Text(form, name)?.Trim();
            return stored is not null && value == RedactionRules.Marker ? storedValue : value;
        }
        return new StoryContent(Field("headline", stored?.Headline) ?? "", Field("shortHeadline", stored?.ShortHeadline), Field("standfirst", stored?.Standfirst),
            Field("byline", stored?.Byline), body);
    }

    private static RazorComponentResult<EditPage> Render(DeskUser user, bool isNew, string? slug, int expected, StoryContent content, bool redacted,
        string? note, string? noteKind, string? error, SavedMeanwhile? conflict, int status) =>
        new(new
        {
            User = user, IsNew = isNew, Slug = slug, ExpectedVersion = expected,
            Headline = content.Headline, ShortHeadline = content.ShortHeadline, Standfirst = content.Standfirst, Byline = content.Byline,
            Blocks = (IReadOnlyList<Block>)[.. content.Body, .. Enumerable.Repeat(Block.Paragraph(""), SpareBlocks)],
            Note = note, NoteKind = noteKind, Redacted = redacted, Error = error, Conflict = conflict
        }) { StatusCode = status };
}
