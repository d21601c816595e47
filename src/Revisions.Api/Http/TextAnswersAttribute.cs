namespace Revisions.Api.Http;

/// <summary>
/// Media types an endpoint may answer 200 with as text, besides the JSON its typed result describes (a diff as
/// HTML or plain text, the corrections log as CSV); the OpenAPI document lists them (Hosting/ApiDocument.cs).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class TextAnswersAttribute(params string[] mediaTypes) : Attribute
{
    public IReadOnlyList<string> MediaTypes { get; } = mediaTypes;
}

/// <summary>
/// Statuses a reader-side endpoint answers with an HTML page for people (404 for a story never published, 410
/// for one taken down), rather than problem details.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ReaderPageAnswersAttribute(params int[] statuses) : Attribute
{
    public IReadOnlyList<int> Statuses { get; } = statuses;
}
