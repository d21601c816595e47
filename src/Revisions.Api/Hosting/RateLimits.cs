using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Revisions.Api.Hosting;

/// <summary>Requests allowed per client per window (<c>Revisions:RateLimits</c>); reads are cheaper than writes.</summary>
public sealed record RateLimitSettings
{
    public bool Enabled { get; init; } = true;
    public int ReadsPerWindow { get; init; } = 1200;
    public int WritesPerWindow { get; init; } = 120;
    public int WindowSeconds { get; init; } = 60;
}

/// <summary>
/// One budget of reads and one of writes per client: the signed-in user's name, or the address for anyone
/// else. A client over budget gets 429 with Retry-After and a ProblemDetails body; health checks are never
/// limited, so an orchestrator probing a busy instance is not told it is dead.
/// </summary>
public static class RateLimits
{
    public static WebApplicationBuilder AddRevisionsRateLimits(this WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection("Revisions:RateLimits").Get<RateLimitSettings>() ?? new RateLimitSettings();
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => Partition(context, settings));
            o.OnRejected = Reject;
        });
        return builder;
    }

    public static void UseRevisionsRateLimits(this WebApplication app) => app.UseRateLimiter();

    private static RateLimitPartition<string> Partition(HttpContext context, RateLimitSettings settings)
    {
        if (!settings.Enabled || context.Request.Path.StartsWithSegments("/health"))
            return RateLimitPartition.GetNoLimiter("unlimited");
        var write = !(HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method) || HttpMethods.IsOptions(context.Request.Method));
        var client = context.User.Identity?.IsAuthenticated == true
            ? "user:" + context.User.Identity.Name
            : "ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        return RateLimitPartition.GetFixedWindowLimiter((write ? "w|" : "r|") + client, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, write ? settings.WritesPerWindow : settings.ReadsPerWindow),
            Window = TimeSpan.FromSeconds(Math.Max(1, settings.WindowSeconds)),
            QueueLimit = 0
        });
    }

    private static async ValueTask Reject(OnRejectedContext rejected, CancellationToken cancellation)
    {
        var context = rejected.HttpContext;
        var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests",
                Detail = $"This client has used its budget of requests for now; try again in {seconds} s."
            }
        });
    }
}
