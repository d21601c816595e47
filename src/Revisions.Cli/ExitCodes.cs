namespace Revisions.Cli;

/// <summary>What the revisions command's exit status means; scripts branch on these, so they never change.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int Usage = 1;
    public const int InvalidInput = 2;
    public const int NotFound = 3;
    public const int Conflict = 4;
    public const int ServerError = 5;
    public const int VerificationFailed = 6;
    public const int NotAuthorised = 7;
    public const int Unsigned = 8;

    public const string Help =
        """
        Exit codes: 0 ok, 1 usage error, 2 input invalid (parse or validation errors), 3 not found,
        4 conflict (the story changed meanwhile, or a slug is taken), 5 server or connection error,
        6 verification failed (a bundle or the store does not check out), 7 not authorised (no token, a token
        the API refused, or one without the role the command needs: pass --token or set REVISIONS_TOKEN),
        8 a bundle made before bundles were signed: its history verified, what it says of itself is not authenticated.
        """;

    /// <summary>The exit code for an API answer: the client's mistakes by kind, anything else the server's.</summary>
    public static int ForStatus(int status) => status switch
    {
        >= 200 and < 300 => Ok,
        400 or 413 or 415 or 422 => InvalidInput,
        401 or 403 => NotAuthorised,
        404 => NotFound,
        409 or 412 or 428 => Conflict,
        _ => ServerError
    };
}
