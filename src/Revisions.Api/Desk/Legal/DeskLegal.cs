using Microsoft.AspNetCore.Authorization;
using Revisions.Api.Http;

namespace Revisions.Api.Desk.Legal;

/// <summary>
/// The legal desk. Its pages read legal records and integrity, which the API allows legal and, for oversight,
/// admin (<see cref="Policies.LegalOrAdmin"/>); every action on a story (redactions, holds, erasure) and the
/// evidence bundle need the legal role, as the API's legal endpoints do.
/// </summary>
public static class DeskLegal
{
    public static void Map(RouteGroupBuilder desk)
    {
        var legal = desk.MapGroup("/legal").RequireAuthorization(Policy(Policies.LegalOrAdmin));
        legal.MapGet("/", LegalPage.Get);
        legal.MapGet("/stories", LegalPage.Open);
        legal.MapGet("/integrity", IntegrityPage.Get);
        legal.MapGet("/stories/{id}", StoryLegalPage.Get);
        legal.MapGet("/stories/{id}/evidence", StoryLegalPage.Evidence).RequireAuthorization(Policy(Policies.Legal));
        legal.MapPost("/stories/{id}/redactions", StoryLegalPage.Redact).RequireAuthorization(Policy(Policies.Legal));
        legal.MapPost("/stories/{id}/redactions/{redactionId:guid}/lift", StoryLegalPage.LiftRedaction).RequireAuthorization(Policy(Policies.Legal));
        legal.MapPost("/stories/{id}/holds", StoryLegalPage.PlaceHold).RequireAuthorization(Policy(Policies.Legal));
        legal.MapPost("/stories/{id}/holds/{holdId:guid}/lift", StoryLegalPage.LiftHold).RequireAuthorization(Policy(Policies.Legal));
        legal.MapPost("/stories/{id}/erasures", StoryLegalPage.Erase).RequireAuthorization(Policy(Policies.Legal));
    }

    private static AuthorizeAttribute Policy(string policy) => new(policy) { AuthenticationSchemes = DeskSignIn.Scheme };

    /// <summary>Whether the signed-in person may act on the legal desk, asked of the same policy the API's legal endpoints use.</summary>
    public static async Task<bool> MayActAsync(HttpContext context) =>
        (await context.RequestServices.GetRequiredService<IAuthorizationService>().AuthorizeAsync(context.User, Policies.Legal)).Succeeded;
}
