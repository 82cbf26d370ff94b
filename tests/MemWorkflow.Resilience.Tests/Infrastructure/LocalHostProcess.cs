using System.Collections.Concurrent;
using System.Diagnostics;

namespace MemWorkflow.Resilience.Tests.Infrastructure;

/// <summary>The local host as its own OS process: <c>dotnet MemWorkflow.LocalHost.dll</c> from the build
/// output, in the Development environment (manual clock), on a port of the suite's choosing, so a
/// successor can be started on the same address after a SIGKILL.</summary>
public sealed class LocalHostProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<string> log;

    private LocalHostProcess(Process process, Uri address, ConcurrentQueue<string> log)
    {
        this.process = process;
        this.log = log;
        Address = address;
    }

    public Uri Address { get; }

    public bool HasExited => process.HasExited;

    /// <summary>The last lines the host printed, for a failure message.</summary>
    public string Tail => string.Join('\n', log.TakeLast(30));

    /// <summary>Starts the host; it answers once <see cref="WaitUntilHealthyAsync"/> says so.</summary>
    public static LocalHostProcess Start(int port, IReadOnlyDictionary<string, string> settings)
    {
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["DOTNET_ENVIRONMENT"] = "Development",
            ["Logging__LogLevel__Microsoft.AspNetCore"] = "Warning",
        };
        foreach (var (key, value) in settings)
            environment[key] = value;
        // MEM_CHAOS_LOG names a file that keeps every line of every host at Information, each marked with its process's start.
        var file = Environment.GetEnvironmentVariable("MEM_CHAOS_LOG");
        if (file is { Length: > 0 })
            environment["Logging__LogLevel__Default"] = "Information";
        var log = new ConcurrentQueue<string>();
        var mark = DateTimeOffset.UtcNow.ToString("HH:mm:ss.fff");
        var process = Functions.Tests.Infrastructure.LocalHostLaunch.Start(port, environment, line =>
        {
            Remember(log, line);
            if (file is { Length: > 0 } && line is not null)
                lock (FileLock)
                    File.AppendAllText(file, $"[{DateTimeOffset.UtcNow:HH:mm:ss.fff} host@{mark}] {line}\n");
        });
        ChildProcesses.KillOnExit(process);
        return new LocalHostProcess(process, new Uri($"http://127.0.0.1:{port}/"), log);
    }

    private static readonly Lock FileLock = new();

    private static void Remember(ConcurrentQueue<string> log, string? line)
    {
        if (line is null)
            return;
        log.Enqueue(line);
        while (log.Count > 200)
            log.TryDequeue(out _);
    }

    /// <summary>Polls <c>/api/health</c> until it answers 200, each time from another forwarded loopback
    /// address, so the probe never counts against anyone's anonymous rate limit, nor runs into its own.</summary>
    public async Task WaitUntilHealthyAsync(TimeSpan within)
    {
        using var probe = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        for (var attempt = 0; ; attempt++)
        {
            Assert.False(process.HasExited, $"The local host exited (code {(process.HasExited ? process.ExitCode : 0)}):\n{Tail}");
            Assert.True(deadline.Elapsed < within, $"The local host did not answer /api/health within {within.TotalSeconds:0} s:\n{Tail}");
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "/api/health");
                request.Headers.Add("X-Forwarded-For", $"127.0.3.{attempt % 250 + 1}");
                using var response = await probe.SendAsync(request);
                if (response.IsSuccessStatusCode)
                    return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }
            await Task.Delay(100);
        }
    }

    /// <summary>SIGKILL: no graceful stop, no lease released, messages in hand abandoned.</summary>
    public async Task KillAsync()
    {
        if (!process.HasExited)
            process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await KillAsync();
        }
        catch (InvalidOperationException)
        {
        }
        process.Dispose();
    }
}
