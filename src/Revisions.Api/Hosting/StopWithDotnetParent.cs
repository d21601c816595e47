namespace Revisions.Api.Hosting;

/// <summary>
/// Under <c>dotnet run</c>, or a test run that starts the API as a process, a <c>dotnet</c> process is the API's
/// parent. When that parent goes away without stopping the API (it was killed, or got a signal it does not pass
/// on), the API stops too, and with it its private PostgreSQL, instead of living on unseen, holding the port and
/// the server. Started any other way (a service manager, a container, a shell), the API outlives its parent as
/// any server does.
/// </summary>
public sealed class StopWithDotnetParent(IHostApplicationLifetime lifetime, ILogger<StopWithDotnetParent> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        if (!OperatingSystem.IsLinux() || ParentId() is not { } parent || !IsDotnet(parent)) return;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            // An orphan is handed to another process (init, or a subreaper): its parent id changes.
            while (await timer.WaitForNextTickAsync(stopping))
            {
                if (ParentId() == parent) continue;
                logger.LogWarning("The dotnet process that started Revisions (pid {Parent}) has gone away; stopping", parent);
                lifetime.StopApplication();
                return;
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static int? ParentId()
    {
        try
        {
            // /proc/self/stat: "pid (name) state ppid …"; the name may hold spaces and parentheses.
            var stat = File.ReadAllText("/proc/self/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.TryParse(fields[1], out var ppid) ? ppid : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static bool IsDotnet(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/comm").Trim() == "dotnet";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
