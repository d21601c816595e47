using Microsoft.AspNetCore.Authorization;
using Wolverine.Http;

namespace Revisions.Api.Public;

/// <summary>
/// The one stylesheet of reader pages. Insertions and deletions are underlined and struck through as well as
/// coloured, and announced as "added"/"removed" by text that is visually hidden, so colour is never the only cue.
/// The inline/side-by-side switch is pure CSS (<c>:has</c>); browsers without it simply keep the inline view.
/// </summary>
public static class ReaderStyles
{
    private const string Source = """
        :root { color-scheme: light; --ink: #1a1a1a; --muted: #5c5c5c; --line: #d9d9d9; --accent: #0b57a4;
          --ins-bg: #e3f4e6; --ins-ink: #0c4a1c; --del-bg: #fde7e7; --del-ink: #8a1414; --paper: #fff; }
        *, *::before, *::after { box-sizing: border-box; }
        html { -webkit-text-size-adjust: 100%; }
        body { margin: 0; background: var(--paper); color: var(--ink);
          font: 1.0625rem/1.6 Georgia, "Times New Roman", serif; }
        a { color: var(--accent); }
        a:focus-visible, input:focus-visible, select:focus-visible, button:focus-visible { outline: 3px solid #f2a900; outline-offset: 2px; }
        .skip { position: absolute; left: -9999px; top: 0; background: var(--ink); color: #fff; padding: .5rem 1rem; z-index: 2; }
        .skip:focus { left: .5rem; }
        header.site, main, footer.site, .live { max-width: 46rem; margin: 0 auto; padding: 0 1rem; }
        header.site { border-bottom: 1px solid var(--line); }
        .brand { margin: .75rem 0; font: 700 1rem/1.2 system-ui, sans-serif; letter-spacing: .08em; text-transform: uppercase; }
        main { padding-top: 1rem; padding-bottom: 2rem; }
        main:focus { outline: none; }
        h1 { font-size: clamp(1.6rem, 4.5vw, 2.4rem); line-height: 1.15; margin: .5rem 0 1rem; }
        h2 { font-size: 1.3rem; line-height: 1.25; margin: 2rem 0 .5rem; }
        h3 { font-size: 1.1rem; margin: 1.5rem 0 .5rem; }
        .standfirst { font-size: 1.2rem; color: #333; }
        .byline, .updated, .intro, .crumbs, .permalink, .summary, .note, footer.site, .index .standfirst, .when, legend, label, select, button {
          font-family: system-ui, -apple-system, "Segoe UI", sans-serif; font-size: .95rem; }
        .updated, .when, footer.site { color: var(--muted); }
        .archived, .note { background: #fff8e1; border-left: 4px solid #f2a900; padding: .5rem .75rem; }
        .notes ul { padding-left: 1.2rem; }
        footer.site { border-top: 1px solid var(--line); padding-top: 1rem; padding-bottom: 2rem; }
        .live { position: sticky; top: 0; z-index: 1; }
        .banner { margin: .5rem 0; padding: .75rem 1rem; background: var(--accent); border-radius: .4rem;
          font: 600 1rem/1.4 system-ui, sans-serif; }
        .banner a { color: #fff; }
        ins { background: var(--ins-bg); color: var(--ins-ink); text-decoration: underline; text-decoration-thickness: 2px; }
        del { background: var(--del-bg); color: var(--del-ink); text-decoration: line-through; text-decoration-thickness: 2px; }
        /* Read out, not shown: the words "added"/"removed" around each change. */
        ins::before, ins::after, del::before, del::after { position: absolute; width: 1px; height: 1px; overflow: hidden;
          clip-path: inset(50%); white-space: nowrap; }
        ins::before { content: " [added: "; } del::before { content: " [removed: "; }
        ins::after, del::after { content: "] "; }
        .intro ins::before, .intro del::before, .intro ins::after, .intro del::after { content: none; }
        .update { border-top: 1px solid var(--line); margin-top: 2rem; }
        .new { background: var(--accent); color: #fff; border-radius: .3rem; padding: 0 .4rem; font: 600 .8rem/1.6 system-ui, sans-serif; vertical-align: middle; }
        .rev-summary, .rev-degraded { display: none; }
        .rev-fields { margin: 0 0 1rem; }
        .rev-fields dt { font: 600 .85rem/1.4 system-ui, sans-serif; color: var(--muted); }
        .rev-fields dd { margin: 0 0 .5rem; }
        .rev-block { margin: 0; }
        .rev-block.rev-equal { color: #444; }
        .rev-label { display: block; margin-top: .75rem; font: 600 .8rem/1.4 system-ui, sans-serif; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
        .rev-fields .rev-label { display: inline; margin: 0; }
        .rev-block p, .rev-block h3 { margin-top: .25rem; }
        .index { list-style: none; padding: 0; margin: 0; }
        .index li { border-top: 1px solid var(--line); }
        .index h2 { margin-top: 1rem; }
        .pages { margin: 2rem 0; font: .95rem/1.4 system-ui, sans-serif; display: flex; gap: 1rem; }
        fieldset { border: 1px solid var(--line); border-radius: .4rem; margin: 1rem 0; padding: .5rem .75rem .75rem; }
        .compare select { max-width: 100%; margin: .25rem .75rem .25rem .25rem; font-size: 1rem; }
        .compare button { font-size: 1rem; padding: .3rem .9rem; }
        .views label { margin-right: 1rem; }
        .sbs-view { display: none; }
        main:has(#view-sbs:checked) .sbs-view { display: block; }
        main:has(#view-sbs:checked) .inline-view { display: none; }
        .sbs { width: 100%; border-collapse: collapse; table-layout: fixed; font-size: .95rem; }
        .sbs th { text-align: left; font: 600 .85rem/1.4 system-ui, sans-serif; color: var(--muted); border-bottom: 2px solid var(--line); padding: .25rem .5rem; }
        .sbs td { vertical-align: top; padding: .25rem .5rem; border-bottom: 1px solid var(--line); overflow-wrap: anywhere; }
        .sbs td p { margin: .25rem 0; }
        .sbs tr.same td { color: #555; }
        .sbs .sub { font-weight: 700; }
        .sbs .absent span, .cell-label { font: italic .85rem/1.4 system-ui, sans-serif; color: var(--muted); }
        @media (max-width: 36rem) {
          body { font-size: 1rem; }
          .sbs thead { display: none; }
          .sbs, .sbs tbody, .sbs tr, .sbs td { display: block; width: 100%; }
          .sbs tr { border-bottom: 2px solid var(--line); padding: .25rem 0; }
          .sbs td { border: 0; }
          .sbs td:first-child::before { content: "Before"; }
          .sbs td:last-child::before { content: "After"; }
          /* Unchanged text once, not twice, where the columns are stacked. */
          .sbs tr.same td:first-child { display: none; }
          .sbs tr.same td:last-child::before { content: "Unchanged"; }
          .sbs td::before { display: block; font: 600 .75rem/1.4 system-ui, sans-serif; color: var(--muted); text-transform: uppercase; }
        }
        @media print { .live, .views, .compare, .skip { display: none; } .sbs-view { display: none !important; } .inline-view { display: block !important; } }
        """;

    private static readonly ReaderAsset Asset = new("/reader/site.css", "text/css; charset=utf-8", Source);

    public static string Url => Asset.Url;

    [WolverineGet("/reader/site.css", OperationId = "ReaderStylesheet")]
    [Tags("Reader pages"), AllowAnonymous, ExcludeFromDescription]
    public static IResult Get(HttpContext context) => Asset.Serve(context);
}
