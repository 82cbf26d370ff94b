using System.Diagnostics;
using System.Net.Http.Headers;

namespace MemWorkflow.Functions.Tests.Infrastructure;

/// <summary>The local host as its own process, as `dotnet run` starts it, so a test can kill it with
/// SIGKILL mid-work and start another on the same storage and task hub. Leases and queue visibility are
/// short (9 s, 10 s) so a successor takes over within seconds.</summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> log = new();

    private HostProcess(Process process, Uri address)
    {
        this.process = process;
        Address = address;
    }

    public Uri Address { get; }

    public string Tail => string.Join('\n', log.TakeLast(40));

    public static async Task<HostProcess> StartAsync(IReadOnlyDictionary<string, string> settings)
    {
        var storage = await TestStorage.GetAsync();
        var port = TestPorts.Free();
        var dll = Path.Combine(AppContext.BaseDirectory, "MemWorkflow.LocalHost.dll");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            ["Mem__Storage__ConnectionString"] = storage.ConnectionString,
            ["Mem__Storage__StartEmulator"] = "false",
            ["Mem__Clock"] = "manual",
            ["Mem__PortalBaseUrl"] = "https://mem.test.oas.org/",
            ["Mem__Durable__PartitionCount"] = "1",
            ["Mem__Durable__LeaseInterval"] = "00:00:09",
            ["Mem__Durable__WorkItemVisibilityTimeout"] = "00:00:10",
            ["Mem__Durable__ControlQueueVisibilityTimeout"] = "00:00:10",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (key, value) in settings)
            environment[key] = value;
        foreach (var (key, value) in environment)
            start.Environment[key] = value;

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the local host.");
        var app = new HostProcess(process, new Uri($"http://127.0.0.1:{port}/"));
        process.OutputDataReceived += (_, e) => app.log.Enqueue(e.Data ?? "");
        process.ErrorDataReceived += (_, e) => app.log.Enqueue(e.Data ?? "");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

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
