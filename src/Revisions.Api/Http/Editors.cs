using Microsoft.AspNetCore.Http.HttpResults;
namespace Revisions.Api.Http;

/// <summary>
/// Who is making a change. Every event records its editor, and the editor is the signed-in user: the
/// <c>name</c> claim of the bearer token. A name sent any other way (the old X-Editor header) is ignored, so
/// nobody can save under someone else's name.
/// </summary>
public static class Editors
{
    public const int MaxLength = 200;

    public static bool TryGet(HttpContext context, out string editor, out ProblemHttpResult? problem)
    {
        editor = "";
        problem = null;
        if (context.User.Identity?.IsAuthenticated != true)
        {
            problem = TypedResults.Problem(statusCode: 401, title: "Sign in to make changes",
                detail: "Send a bearer token (Authorization: Bearer …); see docs/security.md.");
            return false;
        }
        var name = (context.User.Identity.Name ?? "").Trim();
        if (name.Length == 0 || name.Length > MaxLength || name.Any(char.IsControl))
        {
            problem = Problems.BadRequest("Who is making this change?",
                $"The token's \"name\" claim must name the editor in 1 to {MaxLength} characters (name: Jane Smith).");
            return false;
        }
        editor = name;
        return true;
    }
}
