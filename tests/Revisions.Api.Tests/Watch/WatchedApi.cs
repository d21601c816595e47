using Alba;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Revisions.Api.Tests.Infrastructure;
using Revisions.Api.Watch;

namespace Revisions.Api.Tests.Watch;

/// <summary>
/// The API over a fresh database with a clock the test moves and polling driven by the test, round by round
/// (<see cref="PollUntilIdleAsync"/>), beside a <see cref="FixtureSite"/> on loopback. Nothing waits on real time
/// except the watcher's one-second timeout for the page that never answers.
/// </summary>
public sealed class WatchedApi : IAsyncLifetime
{
    public static readonly TimeSpan Spacing = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2025, 5, 16, 9, 0, 0, TimeSpan.Zero));
    public IAlbaHost Host { get; private set; } = null!;
    public FixtureSite Site { get; private set; } = null!;
    public Newsroom Newsroom => new(Host.Server.CreateClient());
    public WatchPoller Poller => Host.Services.GetRequiredService<WatchPoller>();

    public async Task InitializeAsync()
    {
        Site = await FixtureSite.StartAsync(Clock.GetUtcNow);
        var connection = await TestPostgres.CreateDatabaseAsync(nameof(WatchedApi));
        Host = await AlbaHost.For<Program>(builder =>
        {
            builder.UseSetting("ConnectionStrings:Revisions", connection);
            builder.UseSetting("Revisions:Integrity:KeyPath", ApiFixture.KeyPathFor(connection));
            builder.UseSetting("Revisions:Watch:Background", "false");
            builder.UseSetting("Revisions:Watch:AllowPrivateAddresses", "true");
            builder.UseSetting("Revisions:Watch:HostSpacingSeconds", Spacing.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("Revisions:Watch:TimeoutSeconds", "1");
            builder.UseSetting("Revisions:Watch:MaxBytes", (1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("Revisions:Watch:KeepUnchangedEveryMinutes", "0");
            builder.UseSetting("Revisions:Watch:DefaultIntervalMinutes", Interval.TotalMinutes.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("Revisions:Watch:ContactUrl", "https://newsroom.example/about-revisions");
            builder.UseEnvironment("Testing");
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
        });
    }

    /// <summary>
    /// Polls round after round, moving the clock on by the host spacing between rounds, until nothing is due
    /// before the next interval. Returns the rounds it took.
    /// </summary>
    public async Task<List<PollRound>> PollUntilIdleAsync()
    {
        var rounds = new List<PollRound>();
        for (var i = 0; i < 200; i++)
        {
            var round = await Poller.RunRoundAsync();
            rounds.Add(round);
            if (round.Requests == 0 && (round.NextWorkAt is null || round.NextWorkAt > Clock.GetUtcNow() + TimeSpan.FromMinutes(1))) return rounds;
            Clock.Advance(Spacing);
        }
        throw new TimeoutException("Polling did not settle within 200 rounds.");
    }

    public async Task DisposeAsync()
    {
        if (Host is not null) await Host.DisposeAsync();
        if (Site is not null) await Site.DisposeAsync();
    }
}
