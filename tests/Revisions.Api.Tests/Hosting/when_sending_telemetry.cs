using System.Net;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Revisions.Api.Tests.Infrastructure;

namespace Revisions.Api.Tests.Hosting;

public class when_sending_telemetry(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task spans_and_measurements_are_made_only_for_an_exporter_to_send()
    {
        // Without an endpoint no one would receive them: the API makes none (each save's would cost it).
        api.Host.Services.GetService<TracerProvider>().ShouldBeNull();
        api.Host.Services.GetService<MeterProvider>().ShouldBeNull();

        // With one, requests, database commands and the stores' own sources are traced and measured, and the API
        // works as before (nothing listens at this address; the exporter's failures stay its own).
        await using var host = await ApiFixture.StartHostAsync(api.ConnectionString, new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:9"
        });
        host.Services.GetService<TracerProvider>().ShouldNotBeNull();
        host.Services.GetService<MeterProvider>().ShouldNotBeNull();
        var newsroom = new Newsroom(host.Server.CreateClient());
        var created = await newsroom.Create(SeedStory.Version(1));
        created.Status.ShouldBe(HttpStatusCode.Created);
        (await newsroom.Revise(created.Body.Id.ToString(), SeedStory.Version(2), 1)).Status.ShouldBe(HttpStatusCode.OK);
    }
}
