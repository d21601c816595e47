using Revisions.Api.Http;

namespace Revisions.Api.Desk.Stories;

/// <summary>The Stories desk: the list, a story's history and comparisons, and editing.</summary>
public static class DeskStories
{
    public static void Map(RouteGroupBuilder desk)
    {
        desk.MapGet("/stories", StoriesPage.Get);
        desk.MapGet("/stories/new", (Delegate)EditPage.GetNew).RequireAuthorization(Policies.Editors);
        desk.MapPost("/stories/new", EditPage.PostNew).RequireAuthorization(Policies.Editors);
        desk.MapGet("/stories/{slug}", HistoryPage.Get);
        desk.MapGet("/stories/{slug}/edit", EditPage.Get).RequireAuthorization(Policies.Editors);
        desk.MapPost("/stories/{slug}/edit", EditPage.Post).RequireAuthorization(Policies.Editors);
        desk.MapGet("/stories/{slug}/versions/{n:int}", DeskVersionPage.Get);
        desk.MapGet("/stories/{slug}/compare", ComparePage.Get);
        desk.MapPost("/stories/{slug}/restore", RestoreVersion.Post).RequireAuthorization(Policies.Editors);
        desk.MapPost("/stories/{slug}/publish", PublishVersion.Post).RequireAuthorization(Policies.Editors);
        desk.MapPost("/stories/{slug}/unpublish", UnpublishVersion.Post).RequireAuthorization(Policies.Editors);
        desk.MapPost("/stories/{slug}/notes", AddStoryNote.Post).RequireAuthorization(Policies.NoteWriters);
    }
}
