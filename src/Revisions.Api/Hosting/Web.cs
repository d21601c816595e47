using System.Text.Json;
using System.Text.Json.Serialization;
using Revisions.Api.Http;
using Revisions.Domain.Stories;

namespace Revisions.Api.Hosting;

public static class Web
{
    /// <summary>
    /// JSON as the API speaks it: camelCase names, enums as lower-case words, nulls left out. A member given twice
    /// is refused, naming it, rather than the last one silently winning.
    /// </summary>
    public static void Configure(JsonSerializerOptions json)
    {
        json.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        json.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        json.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        json.MaxDepth = 32;
        json.AllowDuplicateProperties = false;
    }

    public static IServiceCollection AddRevisionsWeb(this IServiceCollection services, IConfiguration configuration)
    {
        services.ConfigureHttpJsonOptions(o => Configure(o.SerializerOptions));
        services.AddProblemDetails();
        services.AddExceptionHandler<ErrorHandling>();
        services.AddOpenApi(ApiDocument.Configure);
        services.AddHealthChecks();
        services.AddSingleton(configuration.GetSection("Revisions:Limits").Get<ContentLimits>() ?? ContentLimits.Default);
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(o =>
        {
            o.Limits.MaxRequestBodySize = configuration.GetValue<long?>("Revisions:MaxRequestBytes") ?? 4 * 1024 * 1024;
            // Refusals Kestrel makes before any middleware runs get a problem-details body too (WebServerRefusals.cs).
            o.ConfigureEndpointDefaults(listen => listen.UseProblemDetailsForRefusals(o.Limits));
        });
        return services;
    }
}
