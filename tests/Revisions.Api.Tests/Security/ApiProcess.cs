using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Revisions.Api.Tests.Infrastructure;

namespace Revisions.Api.Tests.Security;

/// <summary>
/// The built API (Revisions.Api.dll, copied beside the tests) run as a separate process on a free loopback
/// port over a given database, so a test can kill it the way a crash would: SIGKILL, no shutdown.
/// </summary>
public sealed class ApiProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Queue<string> _lastLines = new();

    public Uri Address { get; }

    private ApiProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    /// <param name="environment">Testing, or Development for what only it has, such as POST /dev/token.</param>
    public static Task<ApiProcess> StartAsync(string connectionString, TimeSpan within, string environment = "Testing") =>
        StartAsync(within, environment, ApiFixture.KeyPathFor(connectionString), ("ConnectionStrings__Revisions", connectionString),
            // What it keeps beside the database (Development's token key) stays in the run's own directory.
            ("Revisions__DataDirectory", TestPostgres.NewServerDirectory("api")));

    /// <summary>The API with no connection string: it runs a private PostgreSQL of its own in <paramref name="dataDirectory"/>.</summary>
    /// <param name="environment">Testing, or Development for what only it has, such as POST /dev/token.</param>
    public static Task<ApiProcess> StartWithPrivateDatabaseAsync(string dataDirectory, TimeSpan within, string environment = "Testing") =>
        StartAsync(within, environment, ApiFixture.KeyPathFor(dataDirectory), ("Revisions__DataDirectory", dataDirectory));

    private static async Task<ApiProcess> StartAsync(TimeSpan within, string environment, string keyPath, params (string Name, string Value)[] settings)
    {
        var port = FreePort();
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Revisions.Api.dll"));
        info.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        info.Environment["Revisions__Integrity__KeyPath"] = keyPath;
        foreach (var (name, value) in settings) info.Environment[name] = value;
        foreach (var (key, value) in TestTokens.HostSettings) info.Environment[key.Replace(":", "__")] = value;

        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the API process");
        var api = new ApiProcess(process, new Uri($"http://127.0.0.1:{port}/"));
        process.OutputDataReceived += (_, e) => api.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => api.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await api.WaitUntilReadyAsync(within);
        return api;
    }

    /// <summary>SIGKILL: the process gets no chance to finish requests, flush or close connections.</summary>
    public void Kill()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
    }

    private async Task WaitUntilReadyAsync(TimeSpan within)
    {
        using var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) break;
            try
            {
                if ((await client.GetAsync("health/ready")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(100);
        }
        Kill();
        throw new TimeoutException($"The API process was not ready within {within.TotalSeconds} s:{Environment.NewLine}{Output}");
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        lock (_lastLines)
        {
            _lastLines.Enqueue(line);
            if (_lastLines.Count > 40) _lastLines.Dequeue();
        }
    }

    public string Output
    {
        get { lock (_lastLines) return string.Join(Environment.NewLine, _lastLines); }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }
}
