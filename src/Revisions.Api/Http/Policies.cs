namespace Revisions.Api.Http;

/// <summary>
/// Who may call an endpoint, by newsroom role. Each endpoint declares its policy where it is written
/// (<c>[Authorize(Policy = Policies.Editors)]</c>, or <c>[AllowAnonymous]</c> on the reader's side); Hosting/Security.cs
/// says which roles each policy admits, and docs/security.md lists every endpoint with its policy (a test keeps
/// the three in step).
/// </summary>
public static class Policies
{
    /// <summary>Any newsroom role: reading drafts, history, diffs, the corrections log.</summary>
    public const string Newsroom = "newsroom";
    /// <summary>Changing stories: create, revise, publish, unpublish, restore, import.</summary>
    public const string Editors = "editors";
    /// <summary>Watching pages published elsewhere: editors (their own feeds, competitors) and legal (evidence for a claim).</summary>
    public const string Watchers = "watchers";
    /// <summary>Notes on a story: editors and standards editors.</summary>
    public const string NoteWriters = "note-writers";
    /// <summary>The standards desk's own decisions (dismissing stealth-edit flags).</summary>
    public const string Standards = "standards";
    /// <summary>Legal records: redactions, holds, erasures.</summary>
    public const string Legal = "legal";
    /// <summary>Reading legal records and integrity: legal, and admin for oversight.</summary>
    public const string LegalOrAdmin = "legal-or-admin";
    /// <summary>Running the service: rebuilds, checkpoints.</summary>
    public const string Admin = "admin";
}
