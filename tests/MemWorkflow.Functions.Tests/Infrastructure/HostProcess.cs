using System.Diagnostics;
using System.Net.Http.Headers;

namespace MemWorkflow.Functions.Tests.Infrastructure;

/// <summary>The local host as its own process, as `dotnet run` starts it, so a test can kill it with
/// SIGKILL mid-work and start another on the same storage and task hub. Leases and queue visibility are
/// short (9 s, 10 s) so a successor takes over within seconds.</summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> log;

    private HostProcess(Process process, Uri address, System.Collections.Concurrent.ConcurrentQueue<string> log)
    {
        this.process = process;
        this.log = log;
        Address = address;
    }

    public Uri Address { get; }

    public string Tail => string.Join('\n', log.TakeLast(40));

    public static async Task<HostProcess> StartAsync(IReadOnlyDictionary<string, string> settings)
    {
        var storage = await TestStorage.GetAsync();
        var port = TestPorts.Free();
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            ["Mem__Storage__ConnectionString"] = storage.ConnectionString,
            ["Mem__BootstrapAdminEmail"] = "mem-unit@localhost.test",
            ["Mem__Durable__LeaseInterval"] = "00:00:09",
            ["Mem__Durable__WorkItemVisibilityTimeout"] = "00:00:10",
            ["Mem__Durable__ControlQueueVisibilityTimeout"] = "00:00:10",
        };
        foreach (var (key, value) in settings)
            environment[key] = value;
        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var process = LocalHostLaunch.Start(port, environment, line => log.Enqueue(line ?? ""));
        var app = new HostProcess(process, new Uri($"http://127.0.0.1:{port}/"), log);
        using var probe = new HttpClient { BaseAddress = app.Address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            Assert.False(process.HasExited || deadline.Elapsed > TimeSpan.FromSeconds(60), $"The local host did not start:\n{app.Tail}");
            try
            {
                if ((await probe.GetAsync("/api/health")).IsSuccessStatusCode)
                    return app;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }
            await Task.Delay(200);
        }
    }

    public HttpClient Client(string token)
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(100) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>SIGTERM, as a container runtime or Ctrl+C stops it: answers how long the process took to
    /// exit and its exit code, or null when it was still running after <paramref name="patience"/> (and was killed).</summary>
    public async Task<(TimeSpan Elapsed, int ExitCode)?> TerminateAsync(TimeSpan patience)
    {
        var clock = Stopwatch.StartNew();
        using (var terminate = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            await terminate.WaitForExitAsync();
        using var wait = new CancellationTokenSource(patience);
        try
        {
            await process.WaitForExitAsync(wait.Token);
            return (clock.Elapsed, process.ExitCode);
        }
        catch (OperationCanceledException)
        {
            await KillAsync();
            return null;
        }
    }

    /// <summary>SIGKILL: no graceful stop, no lease released, work items in hand abandoned.</summary>
    public async Task KillAsync()
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
            await KillAsync();
        process.Dispose();
    }
}
