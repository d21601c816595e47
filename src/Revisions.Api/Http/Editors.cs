using Microsoft.Extensions.Primitives;

namespace Revisions.Api.Http;

/// <summary>
/// Who is making a change. Every event records its editor; until sign-in exists the newsroom's tools name
/// the editor in the X-Editor header.
/// </summary>
public static class Editors
{
    public const string Header = "X-Editor";
    public const int MaxLength = 200;

    public static bool TryGet(HttpContext context, out string editor, out IResult? problem)
    {
        editor = "";
        problem = null;
        StringValues values = context.Request.Headers[Header];
        var name = values.ToString().Trim();
        if (name.Length == 0)
        {
            problem = Problems.BadRequest("Who is making this change?", $"Name the editor in the {Header} header (X-Editor: Jane Smith).");
            return false;
        }
        if (name.Length > MaxLength || name.Any(char.IsControl))
        {
            problem = Problems.BadRequest("The editor's name is not valid", $"The {Header} header must be a name of at most {MaxLength} characters.");
            return false;
        }
        editor = name;
        return true;
    }
}
