using Marten;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Revisions.Api.Http;
using Wolverine.Http;

namespace Revisions.Api.Watch;

/// <param name="Url">The feed's or page's absolute http(s) address.</param>
/// <param name="Kind"><c>feed</c> (RSS, Atom or JSON Feed: every article it lists is watched) or <c>page</c>.</param>
/// <param name="IntervalMinutes">How often to poll (default <c>Revisions:Watch:DefaultIntervalMinutes</c>, 15).</param>
public sealed record AddSource(string? Url, string? Kind, double? IntervalMinutes);

public static class AddSourceEndpoint
{
    public static ProblemDetails Validate(AddSource command)
    {
        if (string.IsNullOrWhiteSpace(command.Url) || command.Url.Length > WatchViews.MaxUrlLength
            || !Uri.TryCreate(command.Url.Trim(), UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)
            || url.UserInfo.Length > 0)
            return Problems.BadRequest("A source needs an address",
                $"Give \"url\": an absolute http or https address of at most {WatchViews.MaxUrlLength} characters, with no user name or password in it.").ProblemDetails;
        if (!Enum.TryParse<SourceKind>(command.Kind, ignoreCase: true, out _) || int.TryParse(command.Kind, out _))
            return Problems.BadRequest("Say what kind of source it is", "\"kind\" is \"feed\" (RSS, Atom or JSON Feed) or \"page\".").ProblemDetails;
        return WolverineContinue.NoProblems;
    }

    /// <summary>
    /// Starts watching a feed (every article it lists) or a single page published elsewhere. Each article becomes a
    /// story of its own, newsroom-only, whose versions are the changes seen on the page (docs/watch.md). The first
    /// poll is due at once. 409 when the address is watched already.
    /// </summary>
    [WolverinePost("/api/watch/sources", OperationId = "AddWatchSource")]
    [Tags("Watch"), Authorize(Policy = Policies.Watchers), ProblemResponses(400, 409)]
    public static async Task<Results<Created<SourceView>, ProblemHttpResult>> Post(AddSource command, HttpContext context, IDocumentSession session,
        TimeProvider clock, IOptions<WatchOptions> options)
    {
        if (!Editors.TryGet(context, out var editor, out var problem)) return problem!;
        var settings = options.Value;
        var minutes = command.IntervalMinutes ?? settings.DefaultIntervalMinutes;
        if (double.IsNaN(minutes) || minutes < settings.MinIntervalMinutes || minutes > 7 * 24 * 60)
            return Problems.BadRequest("The interval is out of range",
                $"\"intervalMinutes\" is from {settings.MinIntervalMinutes:0.##} (a polite minimum) to {7 * 24 * 60} (a week).");

        var url = new UriBuilder(new Uri(command.Url!.Trim())) { Fragment = "" }.Uri.AbsoluteUri;
        var cancellation = context.RequestAborted;
        if (await session.Query<WatchSource>().FirstOrDefaultAsync(s => s.Url == url, cancellation) is { } existing)
            return Problems.Conflict("Already watched", $"{url} is watched already, as source {existing.Id}.");

        var now = clock.GetUtcNow();
        var source = new WatchSource
        {
            Id = Guid.CreateVersion7(), Url = url, Kind = Enum.Parse<SourceKind>(command.Kind!, ignoreCase: true), Status = SourceStatus.Active,
            IntervalSeconds = (int)Math.Round(minutes * 60), AddedAt = now, AddedBy = editor, NextPollAt = now
        };
        session.Store(source);
        if (source.Kind == SourceKind.Page)
        {
            var page = await session.LoadAsync<WatchedPage>(url, cancellation);
            session.Store(page is null
                ? new WatchedPage { Id = url, SourceIds = [source.Id], IntervalSeconds = source.IntervalSeconds, AddedAt = now, NextPollAt = now }
                : page with
                {
                    SourceIds = [.. page.SourceIds, source.Id], Active = true, NextPollAt = now,
                    IntervalSeconds = Math.Min(page.IntervalSeconds, source.IntervalSeconds)
                });
        }
        await session.SaveChangesAsync(cancellation);
        var pages = await WatchViews.PagesOfAsync(session, source.Id, cancellation);
        return TypedResults.Created($"/api/watch/sources/{source.Id}", WatchViews.Of(source, pages));
    }
}
