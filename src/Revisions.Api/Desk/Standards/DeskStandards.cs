using Microsoft.AspNetCore.Authorization;
using Revisions.Api.Http;

namespace Revisions.Api.Desk.Standards;

/// <summary>
/// The standards desk: the open stealth-edit flags and the corrections log. Anyone in the newsroom may read
/// them, as the API lets them; resolving a flag with a note needs the API's note writers' policy, dismissing
/// one the standards policy.
/// </summary>
public static class DeskStandards
{
    public static void Map(RouteGroupBuilder desk)
    {
        desk.MapGet("/standards", FlagsPage.Get);
        desk.MapPost("/standards/flags/{flagId:guid}/resolve", FlagsPage.Resolve).RequireAuthorization(Policy(Policies.NoteWriters));
        desk.MapPost("/standards/flags/{flagId:guid}/dismiss", FlagsPage.Dismiss).RequireAuthorization(Policy(Policies.Standards));
        desk.MapGet("/standards/corrections", CorrectionsPage.Get);
        desk.MapGet("/standards/corrections.csv", CorrectionsPage.Csv);
        desk.MapGet("/standards/corrections/{id:guid}", CorrectionPage.Get);
    }

    private static AuthorizeAttribute Policy(string policy) => new(policy) { AuthenticationSchemes = DeskSignIn.Scheme };
}
