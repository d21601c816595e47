using System.Diagnostics;
using System.Net.Http.Json;

namespace Revisions.Load;

/// <summary>
/// The save benchmarks' server (<see cref="SaveServer"/>) in a child process of this one, so that the load
/// driver (this process) and the server never share a runtime: the server's CPU and allocations are its own.
/// It stops when this process closes its standard input, and is killed if it does not.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly HttpClient _stats;

    private ServerProcess(Process process, Uri address, string tokenKey)
    {
        _process = process;
        Address = address;
        TokenKey = tokenKey;
        _stats = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri Address { get; }
    public string TokenKey { get; }
    public int Pid => _process.Id;

    /// <param name="dll">Another build of this program (an earlier commit's, to compare with), or this one.</param>
    /// <param name="environment">Variables set for the server besides the harness's own (NAME=VALUE;NAME=VALUE).</param>
    public static async Task<ServerProcess> StartAsync(string connectionString, string? dll = null, string? environment = null)
    {
        dll ??= Path.Combine(AppContext.BaseDirectory, "Revisions.Load.dll");
        var key = BenchHost.NewTokenKey();
        var info = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(dll))!,
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false
        };
        info.ArgumentList.Add(Path.GetFullPath(dll));
        info.ArgumentList.Add("serve");
        info.Environment["REVISIONS_BENCH_CONNECTION"] = connectionString;
        info.Environment["REVISIONS_BENCH_TOKEN_KEY"] = key;
        foreach (var pair in (environment ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var (name, value) = pair.IndexOf('=') is var at and > 0 ? (pair[..at], pair[(at + 1)..]) : throw new ArgumentException($"'{pair}' is not NAME=VALUE");
            info.Environment[name] = value;
        }
        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the bench server");
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine("[server] " + e.Data); };
        process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        while (DateTime.UtcNow < deadline)
        {
            var line = await process.StandardOutput.ReadLineAsync();
            if (line is null) break;
            if (!line.StartsWith(SaveServer.AddressLine, StringComparison.Ordinal)) continue;
            var server = new ServerProcess(process, new Uri(line[SaveServer.AddressLine.Length..]), key);
            // The server's own output from here on is not the driver's business, but it must be read.
            _ = Task.Run(async () => { while (await process.StandardOutput.ReadLineAsync() is not null) { } });
            return server;
        }
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        throw new InvalidOperationException("The bench server did not start");
    }

    public HttpClient CreateLoadClient(int connections) => BenchHost.CreateLoadClient(Address, TokenKey, connections);

    public async Task<ServerStats> StatsAsync() => (await _stats.GetFromJsonAsync<ServerStats>("bench/stats"))!;

    public async ValueTask DisposeAsync()
    {
        _stats.Dispose();
        try { _process.StandardInput.Close(); }
        catch (IOException) { }
        if (!_process.WaitForExit(15_000)) _process.Kill(entireProcessTree: true);
        _process.Dispose();
        await Task.CompletedTask;
    }
}
