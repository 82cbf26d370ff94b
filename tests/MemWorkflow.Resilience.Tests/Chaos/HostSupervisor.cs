using MemWorkflow.Resilience.Tests.Infrastructure;

namespace MemWorkflow.Resilience.Tests.Chaos;

/// <summary>The one local host of a run, always on the same port, as its clients know it: killed with
/// SIGKILL and started again on the same storage and task hub.</summary>
public sealed class HostSupervisor(int port, IReadOnlyDictionary<string, string> settings) : IAsyncDisposable
{
    private LocalHostProcess? current;

    public Uri Address { get; } = new($"http://127.0.0.1:{port}/");

    public int Kills { get; private set; }

    public TimeSpan LongestStart { get; private set; }

    public bool Running => current is { HasExited: false };

    public string Tail => current?.Tail ?? "(no host running)";

    public async Task StartAsync()
    {
        var starting = System.Diagnostics.Stopwatch.StartNew();
        current = LocalHostProcess.Start(port, settings);
        await current.WaitUntilHealthyAsync(TimeSpan.FromSeconds(90));
        if (starting.Elapsed > LongestStart)
            LongestStart = starting.Elapsed;
    }

    public async Task KillAsync()
    {
        var host = current ?? throw new InvalidOperationException("No host is running.");
        Assert.False(host.HasExited, $"The host had exited by itself before it was killed:\n{host.Tail}");
        await host.KillAsync();
        await host.DisposeAsync();
        current = null;
        Kills++;
    }

    public async ValueTask DisposeAsync()
    {
        if (current is not null)
            await current.DisposeAsync();
    }
}
