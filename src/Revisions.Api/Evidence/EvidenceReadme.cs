using Revisions.Evidence;

namespace Revisions.Api.Evidence;

/// <summary>The README inside every bundle: what each file is and how to check it without Revisions' servers.</summary>
public static class EvidenceReadme
{
    public static string Text(PublishedAt story, SignedCheckpoint checkpoint, string? watchedUrl = null) => watchedUrl is null
        ? Published(story, checkpoint)
        : $$"""
        # Evidence bundle: {{watchedUrl}} as captured by {{Chain.Time(story.AsOf)}}

        This bundle records what the page {{watchedUrl}}, published by someone else and watched by Revisions, showed
        in the latest capture made by {{Chain.Time(story.AsOf)}}: the article read from the response fetched at
        {{Chain.Time(story.LiveFrom)}} (version {{story.PublishVersion}} of story `{{story.StoryId}}`). Every response kept
        up to then is in `captures/`, exactly as served, as a gzipped WARC record (ISO 28500): open it with any WARC tool.

        ## Files

        As below, and: `story.json` is the article as read from the capture event it names (`publishVersion`), `liveFrom`
        when that response was fetched; `captures.json` lists every raw capture with its address, status and fetch time;
        `captures/<sha256>.warc.gz` is each response, whose uncompressed SHA-256 is its name and is carried by the capture's
        event (`capture.recordSha256`) in the hash chain. Where text was erased by legal order, `captures.json` gives the
        masked record's hash (`erasedSha256`) and the record names the erasure in a `WARC-Revisions-Erasure` field.

        {{Published(story, checkpoint)}}
        """;

    private static string Published(PublishedAt story, SignedCheckpoint checkpoint) => $$"""
        # Evidence bundle: story {{story.Slug}} as public at {{Chain.Time(story.AsOf)}}

        This bundle records what the public could read of story `{{story.StoryId}}` at {{Chain.Time(story.AsOf)}}:
        the content of publish version {{story.PublishVersion}}, live from {{Chain.Time(story.LiveFrom)}}{{(story.LiveUntil is { } until ? " until " + Chain.Time(until) : "")}}.

        ## Files

        | file | what it is |
        | --- | --- |
        | `story.json` | the story as published then: the `content` of the publish event it names |
        | `story.html` | the same story as a plain page |
        | `events.json` | every event of the story up to then, with its data exactly as stored |
        | `chain.json` | the story's hash chain, up to the version the checkpoint covers |
        | `checkpoint.json` | the signed checkpoint, the story's head in it, and the Merkle proof of inclusion |
        | `public-key.pem` | the ECDSA P-256 public key that signed the checkpoint and the manifest |
        | `README.md` | this file |
        | `manifest.json` | the SHA-256 of every other file, and every claim of the bundle: story, slug, moment, when the bundle was made, the live span, the last version and the checkpoint it relies on |
        | `manifest.sig` | the signature of `manifest.json`'s exact bytes (DER) |

        ## Verify

        With the Revisions command-line tool: `revisions verify bundle.zip` (exit code 0 when every check passes).

        By hand, with any SHA-256 and ECDSA tool:

        1. `manifest.sig` verifies `manifest.json` with `public-key.pem`:
           `openssl dgst -sha256 -verify public-key.pem -signature manifest.sig manifest.json` prints `Verified OK`.
           Whatever the manifest says is then what the key's holder signed.
        2. Each file's SHA-256 equals the one in `manifest.json`, and the zip holds no file the manifest does not list.
           `story.json`'s `storyId`, `slug`, `asOf`, `publishVersion`, `contentVersion`, `liveFrom` and `liveUntil`
           equal the manifest's, and `checkpoint.json`'s checkpoint and head equal the manifest's `checkpoint`.
        3. For each event, `contentHash` = SHA-256 of its `data` in canonical JSON (object members sorted by name,
           no insignificant whitespace, strings UTF-8 with only the escapes JSON requires).
        4. Each link's `hash` = SHA-256 of the UTF-8 text of these lines joined by `\n`:
           `revisions-event-v1`, the previous link's hash (64 zeros before version 1), the event type, the version,
           the time as `yyyy-MM-ddTHH:mm:ss.ffffffZ`, the content hash.
        5. The last link is the head in `checkpoint.json`; its leaf is SHA-256 of byte 0x00 followed by
           `<story id without dashes>:<version>:<hash>`; following the proof (each node SHA-256 of 0x01, left, right)
           gives the checkpoint's `root`.
        6. The checkpoint's signature ({{SignatureEncoding(checkpoint)}}) verifies with `public-key.pem` over the lines
           `revisions-checkpoint-v1`, the checkpoint id without dashes, its time, the root and the number of stories,
           joined by `\n`.
           With OpenSSL: `openssl dgst -sha256 -verify public-key.pem -signature sig.der statement.txt`.
        7. `story.json`'s `content` equals the `content` of the `story_published` event it names, `liveFrom` is that
           event's time, `asOf` lies from `liveFrom` up to `liveUntil`, no event in `events.json` is later than
           `asOf` and the chain's next version (if any) is; `story.html` is that content rendered.

        The public key's fingerprint (SHA-256 of its DER encoding) is `{{checkpoint.KeyFingerprint()}}`; compare it with
        the fingerprint the newsroom publishes.
        """;

    private static string SignatureEncoding(SignedCheckpoint checkpoint) =>
        checkpoint.IsSignedInDer()
            ? "base64, DER"
            : "base64, the 64 bytes r then s (IEEE P1363) that checkpoints signed by earlier releases hold; convert it to DER for OpenSSL";
}
