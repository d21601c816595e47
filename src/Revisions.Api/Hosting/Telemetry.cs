using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Revisions.Api.Hosting;

/// <summary>
/// OpenTelemetry traces and metrics from ASP.NET Core, Npgsql, Marten and Wolverine, sent over OTLP only when
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (the standard OTEL_* variables configure the rest). Outside
/// Development the console log is JSON, one object a line, for a log shipper to read. Refusals that are the
/// API doing its job (400, 404, 409, 428) log nothing above Debug and no stack trace.
/// </summary>
public static class Telemetry
{
    // Npgsql 9 and Marten/Wolverine publish under these names themselves; no extra instrumentation package is
    // needed for them (Npgsql.OpenTelemetry would pull Npgsql 10, which Marten 9 does not support).
    private static readonly string[] Sources = ["Npgsql", "Marten", "Wolverine"];

    public static WebApplicationBuilder AddRevisionsTelemetry(this WebApplicationBuilder builder)
    {
        if (!builder.Environment.IsDevelopment())
            builder.Logging.AddJsonConsole(o => o.IncludeScopes = true);
        // Lost races and unreadable bodies are the API doing its job, not errors (Hosting/OrdinaryOutcomes.cs).
        builder.Services.Replace(ServiceDescriptor.Singleton(typeof(ILogger<>), typeof(OrdinaryOutcomeLogger<>)));

        // Spans and measurements only for an exporter to send. Without one, listening would still make every request
        // and every database command build its span for nobody: Npgsql's alone copies each batch's SQL text, about
        // 6% of what a save allocates (bench/README.md, P1).
        if (string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"])) return builder;
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("revisions-api"))
            .WithTracing(t => t.AddAspNetCoreInstrumentation(o => o.Filter = c => !c.Request.Path.StartsWithSegments("/health")).AddSource(Sources))
            .WithMetrics(m => m.AddAspNetCoreInstrumentation().AddMeter(Sources).AddMeter("Microsoft.AspNetCore.RateLimiting"))
            .UseOtlpExporter();
        return builder;
    }
}
