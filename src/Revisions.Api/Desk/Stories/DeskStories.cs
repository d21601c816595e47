using Microsoft.AspNetCore.Antiforgery;
using Revisions.Api.Http;

namespace Revisions.Api.Desk.Stories;

/// <summary>The Stories desk: the list, a story's history and comparisons, and editing.</summary>
public static class DeskStories
{
    public static void Map(RouteGroupBuilder desk)
    {
        desk.MapGet("/stories", StoriesPage.Get);
    }
}
