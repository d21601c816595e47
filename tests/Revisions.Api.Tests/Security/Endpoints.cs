using System.Text.RegularExpressions;
using Alba;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Revisions.Api.Tests.Security;

/// <summary>One route and method the app serves, as its EndpointDataSource lists it.</summary>
public sealed record Endpoint(string Method, string Route)
{
    public bool IsApi => Route == "/api" || Route.StartsWith("/api/", StringComparison.Ordinal);
    public bool IsRead => Method is "GET" or "HEAD";
    public override string ToString() => $"{Method} {Route}";

    /// <summary>The route with each parameter filled in by <paramref name="value"/> (given the parameter's name).</summary>
    public string Url(Func<string, string> value) =>
        Regex.Replace(Route, @"\{\*{0,2}([^}:=?]+)[^}]*\}", m => Uri.EscapeDataString(value(m.Groups[1].Value)));
}

public static class Endpoints
{
    /// <summary>Every endpoint the host serves, so a new one is checked the day it is added.</summary>
    public static List<Endpoint> Of(IAlbaHost host) =>
        host.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                // HEAD is answered wherever GET is, by the same endpoint: checking GET checks both.
                .Where(m => m != "HEAD")
                .Select(m => new Endpoint(m, "/" + (e.RoutePattern.RawText ?? "").TrimStart('/'))))
            .Distinct()
            .OrderBy(e => e.Route).ThenBy(e => e.Method)
            .ToList();

    /// <summary>Stand-ins for route values that name nothing in particular.</summary>
    public static string Placeholder(string parameter) => parameter.ToLowerInvariant() switch
    {
        "n" or "version" => "1",
        "documentname" => "v1",
        var p when p.EndsWith("id") => Guid.NewGuid().ToString(),
        _ => "no-such-thing"
    };

    /// <summary>Reads a response's body, but stops after <paramref name="within"/> for streams that never end (live updates).</summary>
    public static async Task<string> ReadBoundedAsync(HttpResponseMessage response, TimeSpan within)
    {
        using var stop = new CancellationTokenSource(within);
        var text = new System.Text.StringBuilder();
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(stop.Token);
            using var reader = new StreamReader(stream);
            var buffer = new char[8192];
            int read;
            while ((read = await reader.ReadAsync(buffer, stop.Token)) > 0) text.Append(buffer, 0, read);
        }
        catch (OperationCanceledException) { }
        return text.ToString();
    }
}
