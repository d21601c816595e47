using Microsoft.Extensions.Options;
using Wolverine.Runtime.Agents;

namespace Revisions.Api.Watch;

/// <summary>
/// The polling loop, as a Wolverine agent: Wolverine's elected leader assigns it to exactly one of the nodes
/// sharing the database, and to another when that node stops or stops answering health checks — the way it
/// assigns the async projection (docs/operations.md). Each round polls what is due (<see cref="WatchPoller"/>),
/// then the loop sleeps on the service's clock until more is due, at most five seconds, so a source added or
/// asked to poll now on any node is picked up within that.
/// </summary>
public sealed class WatchAgent(WatchPoller poller, TimeProvider clock, ILogger<WatchAgent> logger) : SingularAgent(Scheme)
{
    public new const string Scheme = "revisions-watch";
    private static readonly TimeSpan LongestNap = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan ShortestNap = TimeSpan.FromMilliseconds(100);

    private CancellationTokenSource? _stopping;
    private Task? _loop;

    protected override Task startAsync(CancellationToken cancellationToken)
    {
        _stopping = new CancellationTokenSource();
        _loop = Task.Run(() => LoopAsync(_stopping.Token), CancellationToken.None);
        logger.LogInformation("This node now polls the watched sources");
        return Task.CompletedTask;
    }

    protected override async Task stopAsync(CancellationToken cancellationToken)
    {
        if (_stopping is null || _loop is null) return;
        await _stopping.CancelAsync();
        try { await _loop.WaitAsync(cancellationToken); }
        catch (OperationCanceledException) { }
        _stopping.Dispose();
        (_stopping, _loop) = (null, null);
    }

    private async Task LoopAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            var nap = LongestNap;
            try
            {
                var round = await poller.RunRoundAsync(stopping);
                if (round.NextWorkAt is { } next)
                {
                    var until = next - clock.GetUtcNow();
                    nap = until < ShortestNap ? ShortestNap : until > LongestNap ? LongestNap : until;
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The database may be restarting: try again after a nap rather than give up polling.
                logger.LogWarning("A round of polling failed: {Reason}", e.Message);
            }
            try { await Task.Delay(nap, clock, stopping); }
            catch (OperationCanceledException) { return; }
        }
    }
}
