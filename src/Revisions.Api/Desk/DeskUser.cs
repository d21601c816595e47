using Microsoft.AspNetCore.Authorization;
using Revisions.Api.Http;

namespace Revisions.Api.Desk;

/// <summary>
/// Who is signed in to the desk and what the API's own policies (Http/Policies.cs) let them do, asked of the
/// same authorization service that guards the API: a page offers a button only where its action would be allowed.
/// </summary>
public sealed record DeskUser(string Name, IReadOnlyList<string> Roles, bool CanEdit, bool CanWriteNotes, bool CanReadStandards,
    bool CanReadLegal, bool SeesRedacted)
{
    public static async Task<DeskUser> OfAsync(HttpContext context)
    {
        var authorization = context.RequestServices.GetRequiredService<IAuthorizationService>();
        var user = context.User;
        async Task<bool> May(string policy) => (await authorization.AuthorizeAsync(user, policy)).Succeeded;
        return new DeskUser(
            user.Identity?.Name ?? "",
            Http.Roles.Newsroom.Where(user.IsInRole).ToList(),
            await May(Policies.Editors),
            await May(Policies.NoteWriters),
            await May(Policies.Standards),
            await May(Policies.LegalOrAdmin),
            Http.Roles.CanSeeRedacted(context));
    }
}
